using Registry.Core.Access;
using Registry.Core.Catalog;

namespace Registry.Api.Catalog;

/// <summary>
/// Reads catalog pages for a caller: the part of the catalog they may pull and asked for (a view), where it stands
/// (its version, for the ETag and the change cursor), and a page of tags or of changes, with the manifests' details.
/// </summary>
internal sealed class CatalogReader(ICatalogStore store, ManifestDetailsReader details)
{
    /// <summary>Changes are read in chunks of at least this many and filtered to the caller's view.</summary>
    private const int ChangeChunk = 256;

    /// <summary>The repositories the caller may pull, narrowed by the query's filters.</summary>
    public static CatalogView ViewFor(Permissions permissions, CatalogQuery query)
        => query.Narrow(permissions.SeesEverything ? CatalogView.Everything : CatalogView.ForScopes(permissions.PullScopes()));

    public ValueTask<CatalogVersion> GetVersionAsync(CatalogView view, CancellationToken ct)
        => view.IsEmpty ? ValueTask.FromResult(default(CatalogVersion)) : store.GetCatalogVersionAsync(view, ct);

    /// <summary>
    /// The page. <paramref name="version"/> must have been read before (never after) the page, so the change cursor
    /// handed out can only lag behind what the page shows: a poll from it may see a change twice, never miss one.
    /// </summary>
    public ValueTask<CatalogPage> ReadAsync(CatalogView view, CatalogVersion version, CatalogQuery query, CancellationToken ct)
        => query.Since is { } since ? ReadChangesAsync(view, version, query, since, ct) : ReadListingAsync(view, version, query, ct);

    private async ValueTask<CatalogPage> ReadListingAsync(CatalogView view, CatalogVersion version, CatalogQuery query, CancellationToken ct)
    {
        long walkStart = query.WalkStart ?? version.ChangeSequence;
        IReadOnlyList<CatalogEntry> entries = view.IsEmpty ? [] : await store.ListCatalogAsync(view, query.Tags, query.After, query.Limit + 1, ct);
        bool more = entries.Count > query.Limit;
        if (more)
        {
            entries = [.. entries.Take(query.Limit)];
        }

        (entries, bool complete) = await details.CompleteAsync(entries, ct);
        var items = new CatalogItem[entries.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = new CatalogItem(entries[i].Repository, entries[i].Tag, entries[i]);
        }

        string? next = more ? CatalogCursor.Page(walkStart, new CatalogPosition(entries[^1].Repository, entries[^1].Tag)) : null;
        return new CatalogPage(false, items, next, CatalogCursor.Change(walkStart), complete);
    }

    private async ValueTask<CatalogPage> ReadChangesAsync(CatalogView view, CatalogVersion version, CatalogQuery query, long since, CancellationToken ct)
    {
        var changes = new List<CatalogChange>(Math.Min(query.Limit, ChangeChunk));
        bool more = false;
        long scanned = since;
        int chunk = Math.Max(query.Limit + 1, ChangeChunk);
        while (!view.IsEmpty)
        {
            IReadOnlyList<CatalogChange> batch = await store.ListCatalogChangesAsync(scanned, query.Tags, chunk, ct);
            foreach (CatalogChange change in batch)
            {
                scanned = change.Sequence;
                if (!view.Contains(change.Repository))
                {
                    continue;
                }

                if (changes.Count == query.Limit)
                {
                    more = true;
                    break;
                }

                changes.Add(change);
            }

            if (more || batch.Count < chunk)
            {
                break;
            }
        }

        // Only changes the caller may see move their cursor, so it tells nothing of the rest of the registry.
        long last = changes.Count > 0 ? changes[^1].Sequence : 0;
        long cursor = more ? last : Math.Max(since, Math.Max(version.ChangeSequence, last));
        changes.Sort(static (a, b) => a.Repository == b.Repository ? string.CompareOrdinal(a.Tag, b.Tag) : string.CompareOrdinal(a.Repository, b.Repository));

        var live = new List<CatalogEntry>(changes.Count);
        foreach (CatalogChange change in changes)
        {
            if (change.Entry is { } entry)
            {
                live.Add(entry);
            }
        }

        (IReadOnlyList<CatalogEntry> completed, bool complete) = await details.CompleteAsync(live, ct);
        var items = new CatalogItem[changes.Count];
        for (int i = 0, j = 0; i < items.Length; i++)
        {
            CatalogChange change = changes[i];
            items[i] = new CatalogItem(change.Repository, change.Tag, change.Entry is null ? null : completed[j++]);
        }

        string cursorText = CatalogCursor.Change(cursor);
        return new CatalogPage(true, items, more ? cursorText : null, cursorText, complete);
    }
}
