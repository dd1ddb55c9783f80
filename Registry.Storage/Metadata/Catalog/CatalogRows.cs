using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Catalog;

/// <summary>Conversions both metadata stores share for catalog reads and writes.</summary>
internal static class CatalogRows
{
    public static IReadOnlyList<CatalogEntry> ToEntries(List<CatalogRow> rows)
    {
        var entries = new List<CatalogEntry>(rows.Count);
        foreach (CatalogRow row in rows)
        {
            if (row.ToEntry() is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public static IReadOnlyList<CatalogChange> ToChanges(List<CatalogRow> rows)
    {
        var changes = new CatalogChange[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            changes[i] = rows[i].ToChange();
        }

        return changes;
    }

    /// <summary>Versions of several name ranges of one view add up to the view's.</summary>
    public static CatalogVersion Add(CatalogVersion a, CatalogVersion b)
        => new(a.Repositories + b.Repositories, a.Version + b.Version, Math.Max(a.ChangeSequence, b.ChangeSequence));
}
