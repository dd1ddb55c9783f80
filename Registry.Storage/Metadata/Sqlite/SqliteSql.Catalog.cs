namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The catalog's SQLite statements (<see cref="SqliteMetadataStore"/>'s <c>ICatalogStore</c>): the dialect's forms of
/// the shared ones in <see cref="CatalogSql"/>, the pages and adding pull counts.
/// </summary>
internal static partial class SqliteSql
{
    /// <summary>The catalog statements built for this dialect; the rest are shared in <see cref="CatalogSql"/>.</summary>
    public static readonly CatalogDialectSql Catalog = new(postgres: false);

    /// <summary>
    /// A keyset page of the repositories of one name range after <c>@AfterRepository</c>, in (repository, tag) order:
    /// the repositories' name index in order, each one's tags by primary key.
    /// </summary>
    public const string CatalogPage = $"""
        SELECT r.name AS Repository, t.name AS Tag, {CatalogSql.Columns}
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id
        {CatalogSql.Joins}
        WHERE r.name >= @From AND r.name < @To AND r.name > @AfterRepository AND t.name GLOB @Pattern
        ORDER BY r.name, t.name
        LIMIT @Limit
        """;

    /// <summary>The rest of the repository a page starts in: its tags after <c>@AfterTag</c>.</summary>
    public const string CatalogPageWithinRepository = $"""
        SELECT r.name AS Repository, t.name AS Tag, {CatalogSql.Columns}
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id
        {CatalogSql.Joins}
        WHERE r.name = @AfterRepository AND t.name > @AfterTag AND t.name GLOB @Pattern
        ORDER BY t.name
        LIMIT @Limit
        """;

    /// <summary>Adds a node's count; the latest pull time wins.</summary>
    public const string AddPulls = """
        INSERT INTO pull_stats (repository_id, digest, pull_count, last_pulled_at)
        SELECT id, @Digest, @Count, @At FROM repositories WHERE name = @Repository
        ON CONFLICT (repository_id, digest) DO UPDATE
        SET pull_count = pull_count + excluded.pull_count, last_pulled_at = MAX(last_pulled_at, excluded.last_pulled_at)
        """;

    public const string BumpRepositoryCatalogVersion = """
        INSERT INTO catalog_repositories (repository_id, version, change_seq)
        SELECT id, 1, 0 FROM repositories WHERE name = @Repository
        ON CONFLICT (repository_id) DO UPDATE SET version = version + 1
        """;
}
