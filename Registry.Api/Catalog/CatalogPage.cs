namespace Registry.Api.Catalog;

/// <summary>One catalog response.</summary>
/// <param name="Items">In (repository, tag) order.</param>
/// <param name="Next">The token of the next page (a page token for a listing, a change cursor for changes), or null on the last page.</param>
/// <param name="Cursor">The change cursor to poll with once every page has been read.</param>
/// <param name="Complete">False when some manifest could not be read: then the page is not given an ETag.</param>
internal sealed record CatalogPage(bool IsChanges, IReadOnlyList<CatalogItem> Items, string? Next, string Cursor, bool Complete);
