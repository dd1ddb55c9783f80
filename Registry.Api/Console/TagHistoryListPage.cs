using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Api.Console;

/// <summary>Pages of a tag's history for the console: newest first, both ways, with the number of entries.</summary>
internal static class TagHistoryListPage
{
    /// <summary>The page, or null when the repository is unknown.</summary>
    public static async ValueTask<NewestFirstPage<TagHistoryEntry>?> ReadAsync(
        ITagStore store, RepositoryName repository, TagName tag, long? before, long? after, int size, CancellationToken ct)
    {
        bool exists = true;
        NewestFirstPage<TagHistoryEntry> page = await NewestFirstPage<TagHistoryEntry>.ReadAsync(
            async (cursor, limit) =>
            {
                TagHistoryPage found = await store.ListTagHistoryAsync(repository, tag, cursor, limit, ct);
                exists &= found.RepositoryExists;
                return found.Entries;
            },
            (cursor, limit) => store.ListNewerTagHistoryAsync(repository, tag, cursor, limit, ct),
            () => store.CountTagHistoryAsync(repository, tag, ct),
            entry => entry.Id,
            before,
            after,
            size);
        if (page.Rows.Count == 0 && after is not null && before is null)
        {
            // Read only newer entries, which an unknown repository has none of either: ask whether it exists.
            exists = (await store.ListTagHistoryAsync(repository, tag, null, 1, ct)).RepositoryExists;
        }

        return exists ? page : null;
    }
}
