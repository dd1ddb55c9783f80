using Registry.Api.Lineage;
using Registry.Core.Catalog;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Api.Console;

/// <summary>
/// Reads a page of a repository's tags for the console: the repository's tag names sorted in memory by push time,
/// name or semantic version (as the management API does), then only the page's rows read from the catalog store
/// (digest, size, platforms, push time, pulls), with protection badges and base-image lineage.
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

        // Sorting needs every tag, but only its name, digest and push time (one index scan); the page's rows are then
        // read with their details by name. The count and the cursors of both neighbouring pages come from that list.
        IReadOnlyList<TagDetail> all = await services.Tags.ListTagDetailsAsync(repository, ct) ?? [];
        IReadOnlyList<TagDetail> matching = query.Filter is { } filter ? [.. all.Where(t => t.Name.Contains(filter, StringComparison.Ordinal))] : all;
        IReadOnlyList<TagDetail> sorted = TagSorting.Sort(matching, query.Sort, query.Descending);
        int start = 0;
        if (query.After is not null)
        {
            int at = IndexOf(sorted, query.After);
            start = at < 0 ? 0 : at + 1;
        }

        string[] names = [.. sorted.Skip(start).Take(query.Limit).Select(t => t.Name)];
        var byName = (await services.Overview.ListTagEntriesAsync(repository, names, ct)).ToDictionary(e => e.Tag, StringComparer.Ordinal);
        IReadOnlyList<CatalogEntry> page = [.. names.Where(byName.ContainsKey).Select(n => byName[n])];
        string? next = start + query.Limit < sorted.Count && names.Length > 0 ? names[^1] : null;
        bool hasPrevious = start > 0;
        string? previous = start - query.Limit > 0 ? sorted[start - query.Limit - 1].Name : null;

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

        return new TagListing(true, rows, next, sorted.Count, hasPrevious, previous);
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
