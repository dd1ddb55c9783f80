namespace Registry.Core.Usage;

/// <summary>The storage one repository's manifests use (blobs shared with other repositories are counted in each).</summary>
public sealed record RepositoryUsage(string Repository, long Bytes, long Blobs);
