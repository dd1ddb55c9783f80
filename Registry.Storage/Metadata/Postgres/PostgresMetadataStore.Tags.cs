using Npgsql;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    /// <summary>How often a tag move retries when the tag it found vanished before it could lock it.</summary>
    private const int MaxTagRaces = 16;

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

            var key = new { RepositoryId = repositoryId.Value, Tag = tag.Value, Now = now, Actor = actor };
            if (TagProtection.CheckDelete(await ProtectionRulesForAsync(c, tx, repository, ct), repository, tag.Value) is { } refused)
            {
                return await c.ExecuteScalarAsync<int?>(Command(PostgresSql.TagExists, key, tx, ct)) is null ? DeleteResult.NotFound : DeleteResult.Refused(refused);
            }

            if (await c.ExecuteScalarAsync<string?>(Command(PostgresSql.DeleteTag, key, tx, ct)) is null)
            {
                return DeleteResult.NotFound;
            }

            await BumpTagsVersionAsync(c, tx, repositoryId.Value, ct);
            return DeleteResult.Deleted;
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

    /// <summary>
    /// Points the tag at the digest and records the change with its actor, unless an immutable rule among
    /// <paramref name="rules"/> forbids moving it (then nothing is written). Returns where the tag pointed before and
    /// whether it changed; the caller bumps the tag version, last, when anything did. The tag's row is locked (a new
    /// row by its insert, an existing one by <c>FOR UPDATE</c>) before the history row is written, so concurrent
    /// moves of one tag from several nodes queue up and each records the digest the previous one left.
    /// </summary>
    private static async Task<(string? Old, bool Changed, TagProtectionViolation? Refused)> MoveTagAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, RepositoryName repository, long repositoryId, string tag, string digest, long now,
        string? actor, bool restore, IReadOnlyList<TagProtectionRule> rules, CancellationToken ct)
    {
        var move = new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now };
        for (int attempt = 0; attempt < MaxTagRaces; attempt++)
        {
            if (await c.ExecuteScalarAsync<int?>(Command(PostgresSql.InsertTag, move, tx, ct)) is not null)
            {
                await RecordTagChangeAsync(c, tx, repositoryId, tag, null, digest, now, actor, restore ? TagChangeKind.Restored : TagChangeKind.Created, ct);
                return (null, true, null);
            }

            string? old = await c.ExecuteScalarAsync<string?>(Command(PostgresSql.LockTag, move, tx, ct));
            if (old is null)
            {
                continue;   // deleted between the insert's conflict and the lock: try creating it again
            }

            if (old == digest)
            {
                return (old, false, null);
            }

            TagChangeKind kind = restore ? TagChangeKind.Restored : TagChangeKind.Moved;
            if (TagProtection.CheckMove(rules, repository, tag, old, digest, kind) is { } refused)
            {
                return (old, false, refused);
            }

            await c.ExecuteAsync(Command(PostgresSql.UpdateTag, move, tx, ct));
            await RecordTagChangeAsync(c, tx, repositoryId, tag, old, digest, now, actor, kind, ct);
            return (old, true, null);
        }

        throw new InvalidOperationException($"Tag '{tag}' was created and deleted concurrently {MaxTagRaces} times in a row; giving up.");
    }

    private static Task RecordTagChangeAsync(NpgsqlConnection c, NpgsqlTransaction tx, long repositoryId, string tag, string? oldDigest, string? newDigest, long now, string? actor, TagChangeKind kind, CancellationToken ct)
        => c.ExecuteAsync(Command(MetadataSql.InsertTagHistory, WriteParameters.TagChange(repositoryId, tag, oldDigest, newDigest, now, actor, kind), tx, ct));

    /// <summary>The protection rules covering the repository, read in the caller's transaction.</summary>
    private static async Task<IReadOnlyList<TagProtectionRule>> ProtectionRulesForAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RepositoryName repository, CancellationToken ct)
        => ProtectionRuleRow.ToRecords(await c.QueryAsync<ProtectionRuleRow>(Command(TagSql.ProtectionRulesFor, new { repository.Namespace, Repository = repository.Value }, tx, ct)));
}
