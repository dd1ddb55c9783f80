using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<bool> DeleteTagAsync(RepositoryName repository, TagName tag, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) =>
        {
            long? repositoryId = RepositoryId(c, repository.Value, tx);
            if (repositoryId is null)
            {
                return false;
            }

            string? old = c.ExecuteScalar<string?>(SqliteSql.TagTarget, new { RepositoryId = repositoryId.Value, Tag = tag.Value }, tx);
            if (old is null)
            {
                return false;
            }

            c.Execute(SqliteSql.DeleteTag, new { RepositoryId = repositoryId.Value, Tag = tag.Value }, tx);
            c.Execute(SqliteSql.BumpTagsVersion, new { RepositoryId = repositoryId.Value }, tx);
            c.Execute(SqliteSql.InsertTagHistory, new { RepositoryId = repositoryId.Value, Tag = tag.Value, OldDigest = old, NewDigest = (string?)null, Now = now }, tx);
            return true;
        }, ct);
    }

    public ValueTask<long?> GetTagsVersionAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long?>(SqliteSql.TagsVersion, new { Name = repository.Value })));

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
            List<string> tags = c.Query<string>(SqliteSql.TagPage, new { RepositoryId = repositoryId.Value, Last = last ?? string.Empty, Limit = limit is { } n ? n + 1 : -1 }).AsList();
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
            List<string> names = c.Query<string>(SqliteSql.RepositoryPage, new { Last = last ?? string.Empty, Limit = limit is { } n ? n + 1 : -1 }).AsList();
            bool hasMore = limit is { } max && names.Count > max;
            if (hasMore)
            {
                names.RemoveAt(names.Count - 1);
            }

            return new RepositoryPage(names, hasMore);
        });
        return ValueTask.FromResult(page);
    }

    /// <summary>Points the tag at the digest and records the move; returns the digest it pointed at before.</summary>
    private static string? MoveTag(SqliteConnection c, SqliteTransaction tx, long repositoryId, string tag, string digest, long now)
    {
        string? old = c.ExecuteScalar<string?>(SqliteSql.TagTarget, new { RepositoryId = repositoryId, Tag = tag }, tx);
        if (old == digest)
        {
            return old;
        }

        c.Execute(SqliteSql.UpsertTag, new { RepositoryId = repositoryId, Tag = tag, Digest = digest, Now = now }, tx);
        c.Execute(SqliteSql.BumpTagsVersion, new { RepositoryId = repositoryId }, tx);
        c.Execute(SqliteSql.InsertTagHistory, new { RepositoryId = repositoryId, Tag = tag, OldDigest = old, NewDigest = digest, Now = now }, tx);
        return old;
    }
}
