using System.Text;
using Registry.Core.Access;

namespace Registry.Core.Catalog;

/// <summary>
/// The part of the catalog one request may see and asked for: sorted, disjoint ranges of repository names. What a
/// caller may pull (their grants and the public scopes) and the request's namespace and repository filters each
/// make a view; the request reads their intersection, so a reader of one namespace costs index range scans over that
/// namespace, not a walk over every repository.
/// </summary>
public sealed class CatalogView
{
    private CatalogView(IReadOnlyList<NameRange> ranges)
    {
        Ranges = ranges;
        IsEverything = ranges.Count == 1 && ranges[0] == NameRange.All;
    }

    public static CatalogView Everything { get; } = new([NameRange.All]);

    /// <summary>Sorted by <see cref="NameRange.From"/>, disjoint and non-empty.</summary>
    public IReadOnlyList<NameRange> Ranges { get; }

    public bool IsEverything { get; }

    public bool IsEmpty => Ranges.Count == 0;

    public static CatalogView Of(IEnumerable<NameRange> ranges)
    {
        var sorted = ranges.Where(r => !r.IsEmpty).OrderBy(r => r.From, StringComparer.Ordinal).ToList();
        var merged = new List<NameRange>(sorted.Count);
        foreach (NameRange range in sorted)
        {
            if (merged.Count > 0 && string.CompareOrdinal(range.From, merged[^1].To) <= 0)
            {
                NameRange last = merged[^1];
                merged[^1] = new NameRange(last.From, Max(last.To, range.To));
            }
            else
            {
                merged.Add(range);
            }
        }

        return new CatalogView(merged);
    }

    /// <summary>The repositories the scopes cover: a namespace is its own name and everything below it.</summary>
    public static CatalogView ForScopes(IEnumerable<AccessScope> scopes)
    {
        var ranges = new List<NameRange>();
        foreach (AccessScope scope in scopes)
        {
            switch (scope.Kind)
            {
                case ScopeKind.Global:
                    return Everything;
                case ScopeKind.Namespace:
                    ranges.Add(NameRange.Exactly(scope.Name));
                    ranges.Add(NameRange.Below(scope.Name));
                    break;
                default:
                    ranges.Add(NameRange.Exactly(scope.Name));
                    break;
            }
        }

        return Of(ranges);
    }

    /// <summary>A repository path prefix (<c>team</c> or <c>team/base</c>): the name itself and everything below it.</summary>
    public static CatalogView ForPrefix(string prefix) => Of([NameRange.Exactly(prefix), NameRange.Below(prefix)]);

    public CatalogView Intersect(CatalogView other)
    {
        if (IsEverything)
        {
            return other;
        }

        if (other.IsEverything)
        {
            return this;
        }

        var ranges = new List<NameRange>();
        foreach (NameRange a in Ranges)
        {
            foreach (NameRange b in other.Ranges)
            {
                ranges.Add(new NameRange(Max(a.From, b.From), Min(a.To, b.To)));
            }
        }

        return Of(ranges);
    }

    public bool Contains(string repository)
    {
        foreach (NameRange range in Ranges)
        {
            if (range.Contains(repository))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Identifies the view (part of the catalog's ETag, so a change of permissions changes it).</summary>
    public override string ToString()
    {
        if (IsEverything)
        {
            return "*";
        }

        var text = new StringBuilder();
        foreach (NameRange range in Ranges)
        {
            text.Append(range.ToString());
        }

        return text.ToString();
    }

    private static string Max(string a, string b) => string.CompareOrdinal(a, b) >= 0 ? a : b;

    private static string Min(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a : b;
}
