using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata;

/// <summary>An <c>uploads</c> row as Dapper fills it in either metadata store.</summary>
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
