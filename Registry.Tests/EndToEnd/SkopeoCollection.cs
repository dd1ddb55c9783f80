using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>The tests that drive skopeo.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SkopeoCollection : ICollectionFixture<SkopeoClient>
{
    public const string Name = "End-to-end: skopeo";
}
