using Registry.Core.Primitives;

namespace Registry.Core.Catalog;

/// <summary>
/// Details read from a manifest's content, to be recorded by digest; the store adds the size from what the
/// manifest references in <paramref name="Repository"/>.
/// </summary>
public sealed record ManifestDetailsWrite(RepositoryName Repository, Digest Digest, string? PlatformsJson, string? LabelsJson);
