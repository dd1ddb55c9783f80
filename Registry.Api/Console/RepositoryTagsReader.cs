using Registry.Api.Lineage;
using Registry.Core.Catalog;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Api.Console;

/// <summary>
/// Reads a page of a repository's tags for the console from the catalog store (one indexed query: digest, size,
/// platforms, push time, pulls), sorted by name (a keyset page), push time or semantic version (the repository's
/// tags sorted in memory, as the management API does), with protection badges and base-image lineage.
/// </summary>
internal sealed class RepositoryTagsReader(ConsoleServices services)
{
    public async ValueTask<TagListing> ReadAsync(RepositoryName repository, TagQuery query, CancellationToken ct)
    {
        if (await services.Metadata.GetTagsVersionAsync(repository, ct) is null)
        {
            return new TagListing(false, [], null, 0);
        }

        if (query.Pattern is not { } pattern)
        {
            return new TagListing(true, [], null, 0);
        }

        CatalogView view = CatalogView.Of([NameRange.Exactly(repository.Value)]);
        IReadOnlyList<CatalogEntry> page;
        string? next;
        int? total = null;
        if (query.IsKeyset)
        {
            CatalogPosition? after = query.After is null ? null : new CatalogPosition(repository.Value, query.After);
            IReadOnlyList<CatalogEntry> entries = await services.Catalog.ListCatalogAsync(view, pattern, after, query.Limit + 1, ct);
            page = entries.Count > query.Limit ? [.. entries.Take(query.Limit)] : entries;
            next = entries.Count > query.Limit ? page[^1].Tag : null;
        }
        else
        {
            IReadOnlyList<CatalogEntry> all = await services.Catalog.ListCatalogAsync(view, pattern, null, int.MaxValue, ct);
            var byName = all.ToDictionary(e => e.Tag, StringComparer.Ordinal);
            IReadOnlyList<TagDetail> sorted = TagSorting.Sort([.. all.Select(e => new TagDetail(e.Tag, e.Digest, e.PushedAt))], query.Sort, query.Descending);
            int start = 0;
            if (query.After is not null)
            {
                int at = IndexOf(sorted, query.After);
                start = at < 0 ? 0 : at + 1;
            }

            page = [.. sorted.Skip(start).Take(query.Limit).Select(t => byName[t.Name])];
            next = start + query.Limit < sorted.Count ? page[^1].Tag : null;
            total = sorted.Count;
        }

        (page, _) = await services.Details.CompleteAsync(page, ct);
        IReadOnlyList<TagProtectionRule> rules = await services.Tags.ListProtectionRulesForAsync(repository, ct);
        var bases = new Dictionary<Digest, BaseImage?>();
        var rows = new List<TagRow>(page.Count);
        foreach (CatalogEntry entry in page)
        {
            if (!bases.TryGetValue(entry.Digest, out BaseImage? found))
            {
                found = MediaTypes.IsIndex(entry.MediaType) ? null : await services.Lineage.FindBaseAsync(repository, entry.Digest, ct);
                bases[entry.Digest] = found;
            }

            rows.Add(new TagRow(entry,
                rules.Any(r => r.Kind == TagProtectionKind.Immutable && r.Applies(repository, entry.Tag)),
                rules.Any(r => r.Kind == TagProtectionKind.ProtectedFromDeletion && r.Applies(repository, entry.Tag)),
                found));
        }

        return new TagListing(true, rows, next, total);
    }

    private static int IndexOf(IReadOnlyList<TagDetail> tags, string name)
    {
        for (int i = 0; i < tags.Count; i++)
        {
            if (tags[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
