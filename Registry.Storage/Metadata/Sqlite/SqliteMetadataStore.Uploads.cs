namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public async ValueTask CreateUploadAsync(UploadRecord upload, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(MetadataSql.InsertUpload, new
        {
            Id = upload.Id.Value,
            Repository = upload.Repository.Value,
            StartedAt = upload.StartedAt.ToUnixTimeMilliseconds(),
        }, tx), ct);

    public ValueTask<UploadRecord?> GetUploadAsync(UploadId id, CancellationToken ct)
    {
        UploadRow? row = Read(c => c.QuerySingleOrDefault<UploadRow>(MetadataSql.Upload, new { Id = id.Value }));
        return ValueTask.FromResult(row?.ToRecord());
    }

    public ValueTask<bool> DeleteUploadAsync(UploadId id, CancellationToken ct)
        => WriteAsync((c, tx) => c.Execute(MetadataSql.DeleteUpload, new { Id = id.Value }, tx) > 0, ct);

    public async ValueTask<IReadOnlyList<UploadId>> DeleteUploadsStartedBeforeAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        List<string> ids = await WriteAsync((c, tx) => c.Query<string>(MetadataSql.ExpiredUploads, new { Before = olderThan.ToUnixTimeMilliseconds() }, tx).AsList(), ct);
        var result = new List<UploadId>(ids.Count);
        foreach (string id in ids)
        {
            if (UploadId.TryParse(id, out UploadId parsed))
            {
                result.Add(parsed);
            }
        }

        return result;
    }
}
