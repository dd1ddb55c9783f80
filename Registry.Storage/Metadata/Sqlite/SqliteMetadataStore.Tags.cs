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

            return SqliteRepositoryRows.Run(TagRules.DeleteAsync(new SqliteRepositoryRows(c, tx, repository, repositoryId.Value, now), tag.Value, actor, ct));
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

    /// <summary>The protection rules covering the repository, read in the caller's transaction.</summary>
    internal static IReadOnlyList<TagProtectionRule> ProtectionRulesFor(SqliteConnection c, SqliteTransaction? tx, RepositoryName repository)
        => ProtectionRuleRow.ToRecords(c.Query<ProtectionRuleRow>(TagSql.ProtectionRulesFor, new { repository.Namespace, Repository = repository.Value }, tx));
}
