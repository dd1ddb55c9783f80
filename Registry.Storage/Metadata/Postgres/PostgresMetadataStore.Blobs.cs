namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<BlobInfo?> GetRepositoryBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        long? size = await ReadAsync(c => c.ExecuteScalarAsync<long?>(Command(MetadataSql.RepositoryBlob, new { Name = repository.Value, Digest = digest.Value }, null, ct)), ct);
        return size is { } s ? new BlobInfo(digest, s) : null;
    }

    public async ValueTask LinkBlobAsync(RepositoryName repository, BlobInfo blob, CancellationToken ct)
    {
        long now = NowMs();
        await WriteAsync(async (c, tx) =>
        {
            long repositoryId = await EnsureRepositoryAsync(c, tx, repository.Value, now, ct);
            await c.ExecuteAsync(Command(MetadataSql.InsertBlob, new { Digest = blob.Digest.Value, blob.Size, Now = now }, tx, ct));
            int linked = await c.ExecuteAsync(Command(MetadataSql.LinkBlob, new { RepositoryId = repositoryId, Digest = blob.Digest.Value, Now = now }, tx, ct));

            // Until a manifest uses it (an abandoned upload is reclaimed). Without the digest's lock: an entry queued
            // just as a push references the blob is dropped by the mark step, which re-checks under the lock.
            await EnqueueUnreferencedAsync(c, tx, [blob.Digest.Value], now, ct);
            return linked;
        }, ct);
    }

    public ValueTask<BlobInfo?> MountBlobAsync(RepositoryName from, RepositoryName to, Digest digest, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync<BlobInfo?>(async (c, tx) =>
        {
            // The source link stays share-locked until the new one commits, so an unlink cannot slip in between.
            long? size = await c.ExecuteScalarAsync<long?>(Command(PostgresSql.LockRepositoryBlob, new { Name = from.Value, Digest = digest.Value }, tx, ct));
            if (size is null)
            {
                return null;
            }

            long repositoryId = await EnsureRepositoryAsync(c, tx, to.Value, now, ct);
            await c.ExecuteAsync(Command(MetadataSql.LinkBlob, new { RepositoryId = repositoryId, Digest = digest.Value, Now = now }, tx, ct));
            return new BlobInfo(digest, size.Value);
        }, ct);
    }

    public ValueTask<bool> UnlinkBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync(async (c, tx) =>
        {
            bool unlinked = await c.ExecuteAsync(Command(MetadataSql.UnlinkBlob, new { Name = repository.Value, Digest = digest.Value }, tx, ct)) > 0;
            await EnqueueUnreferencedAsync(c, tx, [digest.Value], now, ct);
            return unlinked;
        }, ct);
    }

    public async ValueTask<IReadOnlyList<Digest>> ListRepositoryBlobsAsync(RepositoryName repository, string? after, int limit, CancellationToken ct)
    {
        IEnumerable<string> digests = await ReadAsync(
            c => c.QueryAsync<string>(Command(MetadataSql.RepositoryBlobPage, new { Name = repository.Value, After = after ?? string.Empty, Limit = limit }, null, ct)), ct);
        return digests.Select(Digest.Parse).ToList();
    }

    public async ValueTask<long> GetStoredBytesAsync(CancellationToken ct)
        => await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(MetadataSql.StoredBytes, null, null, ct)), ct);
}
