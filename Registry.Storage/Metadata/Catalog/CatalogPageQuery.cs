using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Catalog;

/// <summary>
/// One keyset query of a catalog page: either the rest of the repository the page starts in (tags after
/// <see cref="AfterTag"/> in <see cref="Repository"/>, a seek on the tags' primary key), or the repositories of a name
/// range after <see cref="Repository"/>. Split so that a page deep inside a repository with many tags costs the same
/// as the first one.
/// </summary>
internal readonly record struct CatalogPageQuery(bool WithinRepository, string From, string To, string Repository, string AfterTag)
{
    /// <summary>The queries of a page, in catalog order: for each range of the view, the rest of the starting repository (when in the range), then the repositories after it.</summary>
    public static IEnumerable<CatalogPageQuery> For(CatalogView view, CatalogPosition? after)
    {
        foreach (NameRange range in view.Ranges)
        {
            if (after is not { } position)
            {
                yield return new CatalogPageQuery(false, range.From, range.To, string.Empty, string.Empty);
                continue;
            }

            if (string.CompareOrdinal(range.To, position.Repository) <= 0)
            {
                continue;   // the whole range comes before the position
            }

            if (range.Contains(position.Repository))
            {
                yield return new CatalogPageQuery(true, range.From, range.To, position.Repository, position.Tag);
            }

            yield return new CatalogPageQuery(false, range.From, range.To, position.Repository, string.Empty);
        }
    }
}
