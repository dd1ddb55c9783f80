using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Api.Console;

/// <summary>
/// One page of a tag's history, newest first, with how many entries it holds in all and the cursors of the pages
/// around it: newer entries than <paramref name="Newer"/> are on the page before, older than <paramref name="Older"/> on
/// the page after (null: none).
/// </summary>
internal sealed record TagHistoryListPage(bool RepositoryExists, IReadOnlyList<TagHistoryEntry> Entries, long Total, long? Newer, long? Older)
{
    /// <summary>Reads the page older than <paramref name="before"/>, newer than <paramref name="after"/>, or the newest.</summary>
    public static async ValueTask<TagHistoryListPage> ReadAsync(
        ITagStore store, RepositoryName repository, TagName tag, long? before, long? after, int size, CancellationToken ct)
    {
        bool backwards = after is not null && before is null;
        bool exists = true;
        IReadOnlyList<TagHistoryEntry> page;
        bool more;
        if (backwards)
        {
            IReadOnlyList<TagHistoryEntry> rows = await store.ListNewerTagHistoryAsync(repository, tag, after!.Value, size + 1, ct);
            more = rows.Count > size;
            page = [.. rows.TakeLast(size)];
        }
        else
        {
            TagHistoryPage found = await store.ListTagHistoryAsync(repository, tag, before, size, ct);
            (exists, page, more) = (found.RepositoryExists, found.Entries, found.NextBefore is not null);
        }

        long total = await store.CountTagHistoryAsync(repository, tag, ct);
        if (page.Count == 0)
        {
            return new TagHistoryListPage(exists, page, total, null, null);
        }

        bool newer = backwards ? more : before is not null && (await store.ListNewerTagHistoryAsync(repository, tag, page[0].Id, 1, ct)).Count > 0;
        bool older = backwards ? (await store.ListTagHistoryAsync(repository, tag, page[^1].Id, 1, ct)).Entries.Count > 0 : more;
        return new TagHistoryListPage(exists, page, total, newer ? page[0].Id : null, older ? page[^1].Id : null);
    }
}
