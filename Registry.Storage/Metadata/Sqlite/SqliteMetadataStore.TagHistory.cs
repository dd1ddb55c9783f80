using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<TagHistoryPage> ListTagHistoryAsync(RepositoryName repository, TagName tag, long? before, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        TagHistoryPage page = Read(c =>
        {
            long? repositoryId = RepositoryId(c, repository.Value);
            if (repositoryId is null)
            {
                return new TagHistoryPage(false, [], null);
            }

            // One row more than asked tells whether an older page follows.
            List<TagHistoryRow> rows = c.Query<TagHistoryRow>(TagSql.TagHistory, new
            {
                RepositoryId = repositoryId.Value,
                Tag = tag.Value,
                Before = before ?? long.MaxValue,
                Limit = limit + 1,
            }).AsList();
            bool more = rows.Count > limit;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            return new TagHistoryPage(true, rows.ConvertAll(r => r.ToRecord()), more ? rows[^1].Id : null);
        });
        return ValueTask.FromResult(page);
    }

    public ValueTask<IReadOnlyList<TagHistoryEntry>> ListNewerTagHistoryAsync(RepositoryName repository, TagName tag, long after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<TagHistoryEntry> entries = Read(c => RepositoryId(c, repository.Value) is { } repositoryId
            ? c.Query<TagHistoryRow>(TagSql.NewerTagHistory, new { RepositoryId = repositoryId, Tag = tag.Value, After = after, Limit = limit }).Select(r => r.ToRecord()).ToList()
            : []);
        return ValueTask.FromResult(entries);
    }

    public ValueTask<long> CountTagHistoryAsync(RepositoryName repository, TagName tag, CancellationToken ct)
        => ValueTask.FromResult(Read(c => RepositoryId(c, repository.Value) is { } repositoryId
            ? c.ExecuteScalar<long>(TagSql.CountTagHistory, new { RepositoryId = repositoryId, Tag = tag.Value })
            : 0));

    public ValueTask<TagRestoreResult> RestoreTagAsync(RepositoryName repository, TagName tag, Digest digest, string actor, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) =>
        {
            long? repositoryId = RepositoryId(c, repository.Value, tx);
            if (repositoryId is null || c.ExecuteScalar<long?>(SqliteSql.ManifestSizeById, new { RepositoryId = repositoryId.Value, Digest = digest.Value }, tx) is null)
            {
                return new TagRestoreResult(TagRestoreStatus.ManifestUnknown, null, null);
            }

            return SqliteRepositoryRows.Run(TagRules.RestoreAsync(new SqliteRepositoryRows(c, tx, repository, repositoryId.Value, now), tag.Value, digest.Value, actor, ct));
        }, ct);
    }

    public ValueTask<IReadOnlyList<TagDetail>?> ListTagDetailsAsync(RepositoryName repository, CancellationToken ct)
    {
        IReadOnlyList<TagDetail>? tags = Read(c =>
        {
            long? repositoryId = RepositoryId(c, repository.Value);
            return repositoryId is null
                ? null
                : (IReadOnlyList<TagDetail>)c.Query<TagDetailRow>(TagSql.TagDetails, new { RepositoryId = repositoryId.Value }).Select(r => r.ToRecord()).ToList();
        });
        return ValueTask.FromResult(tags);
    }
}
