using Registry.Core.Catalog;
using Registry.Core.Tags;
using TagPattern = Registry.Core.Catalog.TagPattern;

namespace Registry.Api.Console;

/// <summary>
/// How the repository page lists tags: sort key and direction (newest push first unless asked otherwise), a name
/// filter (substring), and the cursor (the last tag of the page before).
/// </summary>
internal sealed record TagQuery(TagSortKey Sort, bool Descending, string? Filter, string? After, int Limit)
{
    public static TagQuery Parse(string? sort, string? order, string? filter, string? after, int limit) => new(
        sort switch { "name" => TagSortKey.Name, "semver" => TagSortKey.SemVer, _ => TagSortKey.Pushed },
        order == "desc" || (order is null && sort is not "name"),
        string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(),
        string.IsNullOrEmpty(after) ? null : after,
        limit);

    public string SortName => Sort switch { TagSortKey.Pushed => "pushed", TagSortKey.SemVer => "semver", _ => "name" };

    /// <summary>The filter as a catalog glob (<c>*text*</c>); null when the text has characters no tag can contain.</summary>
    public TagPattern? Pattern => Filter is null ? TagPattern.Any
        : Filter.Contains('*') || Filter.Contains('?') ? null
        : TagPattern.TryParse($"*{Filter}*", out TagPattern? pattern) ? pattern : null;

    /// <summary>The order as people read it, for the list's footer.</summary>
    public string OrderText => (Sort, Descending) switch
    {
        (TagSortKey.Pushed, true) => "newest first",
        (TagSortKey.Pushed, false) => "oldest first",
        (TagSortKey.SemVer, true) => "highest version first",
        (TagSortKey.SemVer, false) => "lowest version first",
        (_, false) => "by name",
        _ => "by name, descending",
    };
}
