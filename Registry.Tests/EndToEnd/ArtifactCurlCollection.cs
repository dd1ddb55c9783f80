using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The tests that drive the artifact API with curl.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArtifactCurlCollection : ICollectionFixture<CurlClient>
{
    public const string Name = "End-to-end: curl artifacts";
}
