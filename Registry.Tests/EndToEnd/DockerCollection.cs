using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The tests that share one private dockerd; they run one at a time and not alongside other suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerCollection : ICollectionFixture<DockerDaemon>
{
    public const string Name = "End-to-end: docker";
}
