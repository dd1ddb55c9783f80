using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>Row shapes Dapper fills (snake_case columns map to these names), and their conversion to Core records.</summary>
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

internal sealed class UploadRow
{
    public string Id { get; set; } = string.Empty;

    public string Repository { get; set; } = string.Empty;

    public long StartedAt { get; set; }

    public UploadRecord ToRecord()
    {
        UploadId.TryParse(Id, out UploadId id);
        return new UploadRecord(id, RepositoryName.Parse(Repository), DateTimeOffset.FromUnixTimeMilliseconds(StartedAt));
    }
}
