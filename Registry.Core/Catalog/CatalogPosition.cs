namespace Registry.Core.Catalog;

/// <summary>A place in the catalog's (repository, tag) order, both ordinal; a page starts after it.</summary>
public readonly record struct CatalogPosition(string Repository, string Tag);
