using Registry.Core.Primitives;

namespace Registry.Core.Catalog;

/// <summary>One tag as the catalog lists it.</summary>
/// <param name="PushedAt">When the tag was pointed at its current digest.</param>
/// <param name="Details">Null until someone worked them out from the content (see <see cref="ICatalogStore.SaveManifestDetailsAsync"/>).</param>
/// <param name="PullCount">Manifest GETs of the digest in this repository, by tag or digest, as flushed so far by every node.</param>
public sealed record CatalogEntry(
    string Repository,
    string Tag,
    Digest Digest,
    string MediaType,
    string? ArtifactType,
    long ManifestSize,
    string? AnnotationsJson,
    DateTimeOffset PushedAt,
    ManifestDetails? Details,
    long PullCount,
    DateTimeOffset? LastPulledAt);
