using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>A manifest in one repository (the same digest in another repository is another manifest).</summary>
public readonly record struct ManifestKey(RepositoryName Repository, Digest Digest);
