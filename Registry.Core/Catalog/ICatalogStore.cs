namespace Registry.Core.Catalog;

/// <summary>
/// The catalog for schedulers: tags with what a deployment needs to know of them, a registry-wide sequence of tag
/// changes (with tombstones for deletions) to poll from, and pull counts that nodes add up in batches. The metadata
/// stores record every tag creation, move and deletion in that sequence in the same transaction as the change.
/// </summary>
public interface ICatalogStore
{
    /// <summary>Where the view stands now; one row read for the whole catalog, one index range per range of the view otherwise.</summary>
    ValueTask<CatalogVersion> GetCatalogVersionAsync(CatalogView view, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> tags of the view matching <paramref name="tags"/>, in (repository, tag) order
    /// after <paramref name="after"/>.
    /// </summary>
    ValueTask<IReadOnlyList<CatalogEntry>> ListCatalogAsync(CatalogView view, TagPattern tags, CatalogPosition? after, int limit, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> tags whose latest change comes after <paramref name="since"/> in the change
    /// sequence, in that order, in every repository (callers keep those of their view).
    /// </summary>
    ValueTask<IReadOnlyList<CatalogChange>> ListCatalogChangesAsync(long since, TagPattern tags, int limit, CancellationToken ct);

    /// <summary>
    /// Records details of manifests (the first record of a digest stays) and returns what is recorded for each, in
    /// order; null where the manifest is no longer in the repository.
    /// </summary>
    ValueTask<IReadOnlyList<ManifestDetails?>> SaveManifestDetailsAsync(IReadOnlyList<ManifestDetailsWrite> details, CancellationToken ct);

    /// <summary>Adds pull counts (and keeps the latest pull time), so nodes flushing their own counts never overwrite each other.</summary>
    ValueTask RecordPullsAsync(IReadOnlyCollection<PullCount> pulls, CancellationToken ct);
}
