namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<BlobInfo?> GetRepositoryBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        long? size = Read(c => c.ExecuteScalar<long?>(MetadataSql.RepositoryBlob, new { Name = repository.Value, Digest = digest.Value }));
        return ValueTask.FromResult(size is { } s ? new BlobInfo(digest, s) : null);
    }

    public async ValueTask LinkBlobAsync(RepositoryName repository, BlobInfo blob, CancellationToken ct)
    {
        long now = NowMs();
        await WriteAsync((c, tx) =>
        {
            long repositoryId = EnsureRepository(c, tx, repository.Value, now);
            c.Execute(MetadataSql.InsertBlob, new { Digest = blob.Digest.Value, blob.Size, Now = now }, tx);
            int linked = c.Execute(MetadataSql.LinkBlob, new { RepositoryId = repositoryId, Digest = blob.Digest.Value, Now = now }, tx);
            EnqueueUnreferenced(c, tx, [blob.Digest.Value], now);   // until a manifest uses it (an abandoned upload is reclaimed)
            return linked;
        }, ct);
    }

    public ValueTask<BlobInfo?> MountBlobAsync(RepositoryName from, RepositoryName to, Digest digest, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync<BlobInfo?>((c, tx) =>
        {
            long? size = c.ExecuteScalar<long?>(MetadataSql.RepositoryBlob, new { Name = from.Value, Digest = digest.Value }, tx);
            if (size is null)
            {
                return null;
            }

            long repositoryId = EnsureRepository(c, tx, to.Value, now);
            c.Execute(MetadataSql.LinkBlob, new { RepositoryId = repositoryId, Digest = digest.Value, Now = now }, tx);
            return new BlobInfo(digest, size.Value);
        }, ct);
    }

    public ValueTask<bool> UnlinkBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) =>
        {
            bool unlinked = c.Execute(MetadataSql.UnlinkBlob, new { Name = repository.Value, Digest = digest.Value }, tx) > 0;
            EnqueueUnreferenced(c, tx, [digest.Value], now);
            return unlinked;
        }, ct);
    }

    public ValueTask<IReadOnlyList<Digest>> ListRepositoryBlobsAsync(RepositoryName repository, string? after, int limit, CancellationToken ct)
    {
        List<string> digests = Read(c => c.Query<string>(MetadataSql.RepositoryBlobPage, new { Name = repository.Value, After = after ?? string.Empty, Limit = limit }).AsList());
        return ValueTask.FromResult<IReadOnlyList<Digest>>(digests.ConvertAll(Digest.Parse));
    }

    public ValueTask<long> GetStoredBytesAsync(CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(MetadataSql.StoredBytes)));
}
