namespace Registry.Core.Tags;

/// <summary>
/// Orders a repository's tags by name, push time or semantic version. Ties (equal times, equal versions such as
/// <c>1.0.0</c> and <c>v1.0.0</c>) fall back to the name, so every order is total and stable. Descending reverses the
/// order, except that in a version sort tags that are not versions always come last (by name, ascending).
/// </summary>
public static class TagSorting
{
    public static IReadOnlyList<TagDetail> Sort(IReadOnlyList<TagDetail> tags, TagSortKey key, bool descending)
    {
        ArgumentNullException.ThrowIfNull(tags);
        int sign = descending ? -1 : 1;
        switch (key)
        {
            case TagSortKey.Pushed:
                return [.. tags.Order(Comparer<TagDetail>.Create((a, b) => sign * ByPushed(a, b)))];
            case TagSortKey.SemVer:
                var versions = new List<(SemanticVersion Version, TagDetail Tag)>(tags.Count);
                var others = new List<TagDetail>();
                foreach (TagDetail tag in tags)
                {
                    if (SemanticVersion.TryParse(tag.Name, out SemanticVersion? version))
                    {
                        versions.Add((version, tag));
                    }
                    else
                    {
                        others.Add(tag);
                    }
                }

                versions.Sort((a, b) => sign * ByVersion(a, b));
                others.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                return [.. versions.Select(v => v.Tag), .. others];
            default:
                return [.. tags.Order(Comparer<TagDetail>.Create((a, b) => sign * string.CompareOrdinal(a.Name, b.Name)))];
        }
    }

    private static int ByPushed(TagDetail a, TagDetail b)
    {
        int result = a.PushedAt.CompareTo(b.PushedAt);
        return result != 0 ? result : string.CompareOrdinal(a.Name, b.Name);
    }

    private static int ByVersion((SemanticVersion Version, TagDetail Tag) a, (SemanticVersion Version, TagDetail Tag) b)
    {
        int result = a.Version.CompareTo(b.Version);
        return result != 0 ? result : string.CompareOrdinal(a.Tag.Name, b.Tag.Name);
    }
}
