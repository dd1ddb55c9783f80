using Registry.Core.Catalog;
using Registry.Core.Tags;
using TagPattern = Registry.Core.Catalog.TagPattern;

namespace Registry.Api.Console;

/// <summary>How the repository page lists tags: sort key and direction, a name filter (substring), and the cursor.</summary>
internal sealed record TagQuery(TagSortKey Sort, bool Descending, string? Filter, string? After, int Limit)
{
    public static TagQuery Parse(string? sort, string? order, string? filter, string? after, int limit) => new(
        sort switch { "pushed" => TagSortKey.Pushed, "semver" => TagSortKey.SemVer, _ => TagSortKey.Name },
        order == "desc" || (order is null && sort is "pushed" or "semver"),
        string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(),
        string.IsNullOrEmpty(after) ? null : after,
        limit);

    public string SortName => Sort switch { TagSortKey.Pushed => "pushed", TagSortKey.SemVer => "semver", _ => "name" };

    /// <summary>The filter as a catalog glob (<c>*text*</c>); null when the text has characters no tag can contain.</summary>
    public TagPattern? Pattern => Filter is null ? TagPattern.Any
        : Filter.Contains('*') || Filter.Contains('?') ? null
        : TagPattern.TryParse($"*{Filter}*", out TagPattern? pattern) ? pattern : null;

    /// <summary>Name order ascending walks the store's index page by page; other orders need every tag sorted first.</summary>
    public bool IsKeyset => Sort == TagSortKey.Name && !Descending;
}
