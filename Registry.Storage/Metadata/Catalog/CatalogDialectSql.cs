namespace Registry.Storage.Metadata.Catalog;

/// <summary>The catalog statements that differ between SQLite and PostgreSQL (<see cref="CatalogSql"/>), bound to one dialect.</summary>
internal sealed class CatalogDialectSql(bool postgres)
{
    public string Changes { get; } = CatalogSql.Changes(postgres);

    public string InsertManifestDetails { get; } = CatalogSql.InsertManifestDetails(postgres);
}
