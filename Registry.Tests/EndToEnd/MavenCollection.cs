using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The tests that drive the real mvn against Maven repositories.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MavenCollection : ICollectionFixture<MavenClient>
{
    public const string Name = "End-to-end: maven";
}
