using Registry.Core.Storage;

namespace Registry.Storage.Metadata;

/// <summary>
/// A <c>manifests</c> row as Dapper fills it in either metadata store (snake_case columns map to these names), and
/// its conversion to the Core record.
/// </summary>
internal sealed class ManifestRow
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
