using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>A manifest as the metadata store knows it in one repository.</summary>
public sealed record ManifestRecord(
    Digest Digest,
    string MediaType,
    long Size,
    string? ArtifactType,
    Digest? Subject,
    string? AnnotationsJson,
    DateTimeOffset CreatedAt);
