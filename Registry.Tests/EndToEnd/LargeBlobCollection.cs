namespace Registry.Tests.EndToEnd;

/// <summary>The gigabyte uploads, run alone so that they neither slow nor are slowed by other suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeBlobCollection
{
    public const string Name = "End-to-end: large blobs";
}
