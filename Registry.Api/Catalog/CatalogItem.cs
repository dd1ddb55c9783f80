using Registry.Core.Catalog;

namespace Registry.Api.Catalog;

/// <summary>A tag in a catalog response: its entry, or null for a deleted tag (a tombstone, only in change responses).</summary>
internal readonly record struct CatalogItem(string Repository, string Tag, CatalogEntry? Entry);
