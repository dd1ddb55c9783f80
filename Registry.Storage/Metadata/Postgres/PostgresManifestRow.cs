using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>A <c>manifests</c> row as Dapper fills it (snake_case columns map to these names).</summary>
internal sealed class PostgresManifestRow
{
    public string Digest { get; set; } = string.Empty;

    public string MediaType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string? ArtifactType { get; set; }

    public string? SubjectDigest { get; set; }

    public string? Annotations { get; set; }

    public long CreatedAt { get; set; }

    public ManifestRecord ToRecord() => new(
        Core.Primitives.Digest.Parse(Digest),
        MediaType,
        Size,
        ArtifactType,
        SubjectDigest is null ? null : Core.Primitives.Digest.Parse(SubjectDigest),
        Annotations,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
}
