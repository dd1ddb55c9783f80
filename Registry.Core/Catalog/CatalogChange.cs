namespace Registry.Core.Catalog;

/// <summary>
/// The latest change of one tag: created or moved (<see cref="Entry"/> is its current state) or deleted
/// (<see cref="Entry"/> is null, a tombstone).
/// </summary>
/// <param name="Sequence">Its place in the registry-wide change sequence, in commit order.</param>
public sealed record CatalogChange(long Sequence, string Repository, string Tag, CatalogEntry? Entry)
{
    public bool Deleted => Entry is null;
}
