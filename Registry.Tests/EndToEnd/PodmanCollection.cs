using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The tests that drive podman alone, with a private image store.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PodmanCollection : ICollectionFixture<PodmanClient>
{
    public const string Name = "End-to-end: podman";
}
