namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The catalog's PostgreSQL statements (<see cref="PostgresMetadataStore"/>'s <c>ICatalogStore</c>): the dialect's
/// forms of the shared ones in <see cref="CatalogSql"/>, the pages and adding pull counts. Tag globs arrive translated
/// to <c>LIKE</c> patterns (<see cref="DialectSql.Glob"/>).
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>The catalog statements built for this dialect; the rest are shared in <see cref="CatalogSql"/>.</summary>
    public static readonly CatalogDialectSql Catalog = new(postgres: true);

    /// <summary>
    /// A keyset page of the repositories of one name range after <c>@AfterRepository</c>, in (repository, tag) order.
    /// The lateral subquery reads each repository's first tags in order from the primary key and stops at the page
    /// size, so a repository with many tags costs no more than a small one (a plain join would read all its tags to
    /// sort them).
    /// </summary>
    public const string CatalogPage = $"""
        SELECT r.name AS "Repository", t.name AS "Tag", {CatalogSql.Columns}
        FROM repositories r
        CROSS JOIN LATERAL (
            SELECT t.* FROM tags t WHERE t.repository_id = r.id AND t.name LIKE @Pattern ORDER BY t.name LIMIT @Limit
        ) t
        {CatalogSql.Joins}
        WHERE r.name >= @From AND r.name < @To AND r.name > @AfterRepository
        ORDER BY r.name, t.name
        LIMIT @Limit
        """;

    /// <summary>
    /// The rest of the repository a page starts in: its tags after <c>@AfterTag</c>. The repository id comes from a
    /// subquery, a constant to the planner, so the primary key's order serves the <c>ORDER BY</c> and the scan stops
    /// at the page size.
    /// </summary>
    public const string CatalogPageWithinRepository = $"""
        SELECT CAST(@AfterRepository AS text) AS "Repository", t.name AS "Tag", {CatalogSql.Columns}
        FROM tags t
        {CatalogSql.Joins}
        WHERE t.repository_id = (SELECT id FROM repositories WHERE name = @AfterRepository)
          AND t.name > @AfterTag AND t.name LIKE @Pattern
        ORDER BY t.name
        LIMIT @Limit
        """;

    /// <summary>Adds a node's counts (the latest pull time wins) and bumps the versions of the repositories they touched.</summary>
    public const string AddPulls = """
        WITH added AS (
            INSERT INTO pull_stats AS p (repository_id, digest, pull_count, last_pulled_at)
            SELECT r.id, u.digest, u.count, u.at
            FROM unnest(@Repositories, @Digests, @Counts, @Ats) AS u (repository, digest, count, at)
            JOIN repositories r ON r.name = u.repository
            ON CONFLICT (repository_id, digest) DO UPDATE
            SET pull_count = p.pull_count + EXCLUDED.pull_count, last_pulled_at = GREATEST(p.last_pulled_at, EXCLUDED.last_pulled_at)
            RETURNING p.repository_id
        )
        INSERT INTO catalog_repositories AS c (repository_id, version, change_seq)
        SELECT DISTINCT repository_id, 1, 0 FROM added ORDER BY repository_id
        ON CONFLICT (repository_id) DO UPDATE SET version = c.version + 1
        """;
}
