using Registry.Core.Replication;
using Registry.Storage.Metadata.Access;

namespace Registry.Storage.Metadata.Replication;

/// <summary>A <c>replication_uploads</c> row.</summary>
internal sealed class ReplicationUploadRow
{
    public const string Columns = "rule, repository, digest, size, location, confirmed, saved_at";

    public string Rule { get; set; } = string.Empty;

    public string Repository { get; set; } = string.Empty;

    public string Digest { get; set; } = string.Empty;

    public long Size { get; set; }

    public string Location { get; set; } = string.Empty;

    public long Confirmed { get; set; }

    public long SavedAt { get; set; }

    public static ReplicationUploadRow From(ReplicationUpload upload) => new()
    {
        Rule = upload.Rule,
        Repository = upload.Repository,
        Digest = upload.Digest,
        Size = upload.Size,
        Location = upload.Location,
        Confirmed = upload.Offset,
        SavedAt = AccessTime.Ms(upload.SavedAt),
    };

    public ReplicationUpload ToRecord() => new(Rule, Repository, Digest, Size, Location, Confirmed, AccessTime.From(SavedAt));
}
