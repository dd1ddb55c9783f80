using Npgsql;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public ValueTask<DeleteResult> DeleteTagAsync(RepositoryName repository, TagName tag, string? actor, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync(async (c, tx) =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, tx, ct);
            if (repositoryId is null)
            {
                return DeleteResult.NotFound;
            }

            return await TagRules.DeleteAsync(new PostgresRepositoryRows(c, tx, repository, repositoryId.Value, now), tag.Value, actor, ct);
        }, ct);
    }

    public async ValueTask<long?> GetTagsVersionAsync(RepositoryName repository, CancellationToken ct)
        => await ReadAsync(c => c.ExecuteScalarAsync<long?>(Command(MetadataSql.TagsVersion, new { Name = repository.Value }, null, ct)), ct);

    public ValueTask<TagPage> ListTagsAsync(RepositoryName repository, string? last, int? limit, CancellationToken ct)
        => ReadAsync(async c =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, null, ct);
            if (repositoryId is null)
            {
                return new TagPage(false, [], false);
            }

            // One row more than asked tells whether another page follows.
            List<string> tags = (await c.QueryAsync<string>(Command(MetadataSql.TagPage,
                new { RepositoryId = repositoryId.Value, Last = KeysetStart(last), Limit = (long?)limit + 1 }, null, ct))).AsList();
            bool hasMore = TrimExtra(tags, limit);
            return new TagPage(true, tags, hasMore);
        }, ct);

    public ValueTask<RepositoryPage> ListRepositoriesAsync(string? last, int? limit, CancellationToken ct)
        => ReadAsync(async c =>
        {
            List<string> names = (await c.QueryAsync<string>(Command(MetadataSql.RepositoryPage,
                new { Last = KeysetStart(last), Limit = (long?)limit + 1 }, null, ct))).AsList();
            bool hasMore = TrimExtra(names, limit);
            return new RepositoryPage(names, hasMore);
        }, ct);

    /// <summary>
    /// The <c>last</c> a page starts after. PostgreSQL text cannot hold NUL, and no name contains one, so a
    /// <c>last</c> is cut at its first NUL: the names after "a\0b" are exactly those after "a".
    /// </summary>
    private static string KeysetStart(string? last)
    {
        if (last is null)
        {
            return string.Empty;
        }

        int nul = last.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? last : last[..nul];
    }

    private static bool TrimExtra(List<string> rows, int? limit)
    {
        if (limit is not { } max || rows.Count <= max)
        {
            return false;
        }

        rows.RemoveAt(rows.Count - 1);
        return true;
    }

    private static Task BumpTagsVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, long repositoryId, CancellationToken ct)
        => c.ExecuteAsync(Command(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId }, tx, ct));

    /// <summary>The protection rules covering the repository, read in the caller's transaction.</summary>
    internal static async Task<IReadOnlyList<TagProtectionRule>> ProtectionRulesForAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RepositoryName repository, CancellationToken ct)
        => ProtectionRuleRow.ToRecords(await c.QueryAsync<ProtectionRuleRow>(Command(TagSql.ProtectionRulesFor, new { repository.Namespace, Repository = repository.Value }, tx, ct)));
}
