using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public ValueTask<TagHistoryPage> ListTagHistoryAsync(RepositoryName repository, TagName tag, long? before, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync(async c =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, null, ct);
            if (repositoryId is null)
            {
                return new TagHistoryPage(false, [], null);
            }

            // One row more than asked tells whether an older page follows.
            List<TagHistoryRow> rows = (await c.QueryAsync<TagHistoryRow>(Command(TagSql.TagHistory, new
            {
                RepositoryId = repositoryId.Value,
                Tag = tag.Value,
                Before = before ?? long.MaxValue,
                Limit = (long)limit + 1,
            }, null, ct))).AsList();
            bool more = rows.Count > limit;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            return new TagHistoryPage(true, rows.ConvertAll(r => r.ToRecord()), more ? rows[^1].Id : null);
        }, ct);
    }

    public ValueTask<IReadOnlyList<TagHistoryEntry>> ListNewerTagHistoryAsync(RepositoryName repository, TagName tag, long after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<TagHistoryEntry>>(async c => await RepositoryIdAsync(c, repository.Value, null, ct) is { } repositoryId
            ? (await c.QueryAsync<TagHistoryRow>(Command(TagSql.NewerTagHistory, new { RepositoryId = repositoryId, Tag = tag.Value, After = after, Limit = (long)limit }, null, ct))).Select(r => r.ToRecord()).ToList()
            : [], ct);
    }

    public ValueTask<long> CountTagHistoryAsync(RepositoryName repository, TagName tag, CancellationToken ct)
        => ReadAsync(async c => await RepositoryIdAsync(c, repository.Value, null, ct) is { } repositoryId
            ? await c.ExecuteScalarAsync<long>(Command(TagSql.CountTagHistory, new { RepositoryId = repositoryId, Tag = tag.Value }, null, ct))
            : 0L, ct);

    public ValueTask<TagRestoreResult> RestoreTagAsync(RepositoryName repository, TagName tag, Digest digest, string actor, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync(async (c, tx) =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, tx, ct);

            // Share-locked, as a push does: a concurrent delete of the manifest waits for the restored tag, or wins first.
            if (repositoryId is null || await c.ExecuteScalarAsync<long?>(Command(PostgresSql.LockManifest, new { RepositoryId = repositoryId.Value, Digest = digest.Value }, tx, ct)) is null)
            {
                return new TagRestoreResult(TagRestoreStatus.ManifestUnknown, null, null);
            }

            return await TagRules.RestoreAsync(new PostgresRepositoryRows(c, tx, repository, repositoryId.Value, now), tag.Value, digest.Value, actor, ct);
        }, ct);
    }

    public ValueTask<IReadOnlyList<TagDetail>?> ListTagDetailsAsync(RepositoryName repository, CancellationToken ct)
        => ReadAsync(async c =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, null, ct);
            return repositoryId is null
                ? null
                : (IReadOnlyList<TagDetail>?)(await c.QueryAsync<TagDetailRow>(Command(TagSql.TagDetails, new { RepositoryId = repositoryId.Value }, null, ct))).Select(r => r.ToRecord()).ToList();
        }, ct);
}
