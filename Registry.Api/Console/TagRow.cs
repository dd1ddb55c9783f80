using Registry.Api.Lineage;
using Registry.Core.Catalog;

namespace Registry.Api.Console;

/// <summary>One row of a repository's tag table: the catalog entry (digest, size, platforms, pushes and pulls) and its badges.</summary>
internal sealed record TagRow(CatalogEntry Entry, bool Immutable, bool ProtectedFromDeletion, BaseImage? Base)
{
    public string Name => Entry.Tag;

    /// <summary>The base image's tag moved on (or was deleted) since this image was built on it.</summary>
    public bool IsStale => Base is { Tags.Count: 0 };
}
