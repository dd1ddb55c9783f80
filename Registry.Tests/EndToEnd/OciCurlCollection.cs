using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The tests that drive the distribution API with curl.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OciCurlCollection : ICollectionFixture<CurlClient>
{
    public const string Name = "End-to-end: curl distribution API";
}
