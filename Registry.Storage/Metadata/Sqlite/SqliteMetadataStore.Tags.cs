using Microsoft.Data.Sqlite;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<DeleteResult> DeleteTagAsync(RepositoryName repository, TagName tag, string? actor, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) =>
        {
            long? repositoryId = RepositoryId(c, repository.Value, tx);
            if (repositoryId is null)
            {
                return DeleteResult.NotFound;
            }

            string? old = c.ExecuteScalar<string?>(SqliteSql.TagTarget, new { RepositoryId = repositoryId.Value, Tag = tag.Value }, tx);
            if (old is null)
            {
                return DeleteResult.NotFound;
            }

            if (TagProtection.CheckDelete(ProtectionRulesFor(c, tx, repository), repository, tag.Value) is { } refused)
            {
                return DeleteResult.Refused(refused);
            }

            c.Execute(SqliteSql.DeleteTag, new { RepositoryId = repositoryId.Value, Tag = tag.Value }, tx);
            c.Execute(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId.Value }, tx);
            RecordTagChange(c, tx, repositoryId.Value, tag.Value, old, null, now, actor, TagChangeKind.Deleted);
            return DeleteResult.Deleted;
        }, ct);
    }

    public ValueTask<long?> GetTagsVersionAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long?>(MetadataSql.TagsVersion, new { Name = repository.Value })));

    public ValueTask<TagPage> ListTagsAsync(RepositoryName repository, string? last, int? limit, CancellationToken ct)
    {
        TagPage page = Read(c =>
        {
            long? repositoryId = RepositoryId(c, repository.Value);
            if (repositoryId is null)
            {
                return new TagPage(false, [], false);
            }

            // One row more than asked tells whether another page follows.
            List<string> tags = c.Query<string>(MetadataSql.TagPage, new { RepositoryId = repositoryId.Value, Last = last ?? string.Empty, Limit = limit is { } n ? n + 1 : -1 }).AsList();
            bool hasMore = limit is { } max && tags.Count > max;
            if (hasMore)
            {
                tags.RemoveAt(tags.Count - 1);
            }

            return new TagPage(true, tags, hasMore);
        });
        return ValueTask.FromResult(page);
    }

    public ValueTask<RepositoryPage> ListRepositoriesAsync(string? last, int? limit, CancellationToken ct)
    {
        RepositoryPage page = Read(c =>
        {
            List<string> names = c.Query<string>(MetadataSql.RepositoryPage, new { Last = last ?? string.Empty, Limit = limit is { } n ? n + 1 : -1 }).AsList();
            bool hasMore = limit is { } max && names.Count > max;
            if (hasMore)
            {
                names.RemoveAt(names.Count - 1);
            }

            return new RepositoryPage(names, hasMore);
        });
        return ValueTask.FromResult(page);
    }

    /// <summary>
    /// Points the tag at the digest and records the change with its actor, unless an immutable rule among
    /// <paramref name="rules"/> forbids moving it (then nothing is written). Returns where the tag pointed before.
    /// </summary>
    private static (string? Old, TagProtectionViolation? Refused) MoveTag(
        SqliteConnection c, SqliteTransaction tx, RepositoryName repository, long repositoryId, string tag, string digest, long now,
        string? actor, bool restore, IReadOnlyList<TagProtectionRule> rules)
    {
        string? old = c.ExecuteScalar<string?>(SqliteSql.TagTarget, new { RepositoryId = repositoryId, Tag = tag }, tx);
        if (old == digest)
        {
            return (old, null);
        }

        TagChangeKind kind = restore ? TagChangeKind.Restored : old is null ? TagChangeKind.Created : TagChangeKind.Moved;
        if (TagProtection.CheckMove(rules, repository, tag, old, digest, kind) is { } refused)
        {
            return (old, refused);
        }

        c.Execute(SqliteSql.UpsertTag, new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now }, tx);
        c.Execute(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId }, tx);
        RecordTagChange(c, tx, repositoryId, tag, old, digest, now, actor, kind);
        return (old, null);
    }

    private static void RecordTagChange(SqliteConnection c, SqliteTransaction tx, long repositoryId, string tag, string? oldDigest, string? newDigest, long now, string? actor, TagChangeKind kind)
        => c.Execute(MetadataSql.InsertTagHistory, WriteParameters.TagChange(repositoryId, tag, oldDigest, newDigest, now, actor, kind), tx);

    /// <summary>The protection rules covering the repository, read in the caller's transaction.</summary>
    private static IReadOnlyList<TagProtectionRule> ProtectionRulesFor(SqliteConnection c, SqliteTransaction? tx, RepositoryName repository)
        => ProtectionRuleRow.ToRecords(c.Query<ProtectionRuleRow>(TagSql.ProtectionRulesFor, new { repository.Namespace, Repository = repository.Value }, tx));
}
