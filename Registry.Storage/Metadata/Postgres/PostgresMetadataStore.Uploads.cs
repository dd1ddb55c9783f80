namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask CreateUploadAsync(UploadRecord upload, CancellationToken ct)
        => await WriteAsync((c, tx) => c.ExecuteAsync(Command(MetadataSql.InsertUpload, new
        {
            Id = upload.Id.Value,
            Repository = upload.Repository.Value,
            StartedAt = upload.StartedAt.ToUnixTimeMilliseconds(),
        }, tx, ct)), ct);

    public async ValueTask<UploadRecord?> GetUploadAsync(UploadId id, CancellationToken ct)
    {
        UploadRow? row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<UploadRow>(Command(MetadataSql.Upload, new { Id = id.Value }, null, ct)), ct);
        return row?.ToRecord();
    }

    public ValueTask<bool> DeleteUploadAsync(UploadId id, CancellationToken ct)
        => WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(MetadataSql.DeleteUpload, new { Id = id.Value }, tx, ct)) > 0, ct);

    /// <summary>Each expired record is returned to exactly one caller, however many nodes purge at once.</summary>
    public async ValueTask<IReadOnlyList<UploadId>> DeleteUploadsStartedBeforeAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        List<string> ids = await WriteAsync(async (c, tx) => (await c.QueryAsync<string>(Command(MetadataSql.ExpiredUploads,
            new { Before = olderThan.ToUnixTimeMilliseconds() }, tx, ct))).AsList(), ct);
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
