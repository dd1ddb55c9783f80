namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The catalog's statements (<see cref="SqliteMetadataStore"/>'s <c>ICatalogStore</c>); tables from migration 0007.</summary>
internal static partial class SqliteSql
{
    /// <summary>A tag's manifest, details and pull counts; expects <c>t</c> (tags) joined, names columns after <c>CatalogRow</c>.</summary>
    private const string CatalogColumns = """
        t.manifest_digest AS Digest, t.updated_at AS PushedAt,
        m.media_type AS MediaType, m.artifact_type AS ArtifactType, m.size AS ManifestSize, m.annotations AS Annotations,
        d.size AS DetailsSize, d.platforms AS Platforms, d.labels AS Labels,
        p.pull_count AS PullCount, p.last_pulled_at AS LastPulledAt
        """;

    private const string CatalogJoins = """
        LEFT JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest
        LEFT JOIN manifest_details d ON d.digest = t.manifest_digest
        LEFT JOIN pull_stats p ON p.repository_id = t.repository_id AND p.digest = t.manifest_digest
        """;

    public const string CatalogState = "SELECT -1, version, change_seq FROM catalog_state";

    /// <summary>The version of one name range: the repositories' counters, summed (each only grows).</summary>
    public const string CatalogRangeVersion = """
        SELECT COUNT(*), COALESCE(SUM(c.version), 0), COALESCE(MAX(c.change_seq), 0)
        FROM repositories r JOIN catalog_repositories c ON c.repository_id = r.id
        WHERE r.name >= @From AND r.name < @To
        """;

    /// <summary>
    /// A keyset page of the repositories of one name range after <c>@AfterRepository</c>, in (repository, tag) order:
    /// the repositories' name index in order, each one's tags by primary key.
    /// </summary>
    public const string CatalogPage = $"""
        SELECT r.name AS Repository, t.name AS Tag, {CatalogColumns}
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id
        {CatalogJoins}
        WHERE r.name >= @From AND r.name < @To AND r.name > @AfterRepository AND t.name GLOB @Pattern
        ORDER BY r.name, t.name
        LIMIT @Limit
        """;

    /// <summary>The rest of the repository a page starts in: its tags after <c>@AfterTag</c>.</summary>
    public const string CatalogPageWithinRepository = $"""
        SELECT r.name AS Repository, t.name AS Tag, {CatalogColumns}
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id
        {CatalogJoins}
        WHERE r.name = @AfterRepository AND t.name > @AfterTag AND t.name GLOB @Pattern
        ORDER BY t.name
        LIMIT @Limit
        """;

    /// <summary>The latest change of each tag changed after <c>@Since</c>, in sequence order; deleted tags have no digest.</summary>
    public const string CatalogChanges = $"""
        SELECT c.seq AS Sequence, r.name AS Repository, c.tag AS Tag, {CatalogColumns}
        FROM catalog_changes c
        JOIN repositories r ON r.id = c.repository_id
        LEFT JOIN tags t ON c.deleted = 0 AND t.repository_id = c.repository_id AND t.name = c.tag
        {CatalogJoins}
        WHERE c.seq > @Since AND c.tag GLOB @Pattern
        ORDER BY c.seq
        LIMIT @Limit
        """;

    /// <summary>
    /// Records a manifest's details with its size: the manifest and, through child manifests at any depth, every
    /// manifest and blob it references, each digest once (<c>IN</c> is a set). Only while the manifest is in the
    /// repository; the first record of a digest stays.
    /// </summary>
    public const string InsertManifestDetails = """
        WITH RECURSIVE tree (digest) AS (
            SELECT @Digest
            UNION
            SELECT r.child_digest FROM manifest_references r JOIN tree ON r.manifest_digest = tree.digest
            WHERE r.repository_id = @RepositoryId AND r.kind = 1
        )
        INSERT INTO manifest_details (digest, size, platforms, labels)
        SELECT @Digest,
            (SELECT COALESCE(SUM(m.size), 0) FROM manifests m WHERE m.repository_id = @RepositoryId AND m.digest IN (SELECT digest FROM tree))
            + (SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.digest IN (
                SELECT r.child_digest FROM manifest_references r
                WHERE r.repository_id = @RepositoryId AND r.kind = 0 AND r.manifest_digest IN (SELECT digest FROM tree))),
            @Platforms, @Labels
        WHERE EXISTS (SELECT 1 FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest)
        ON CONFLICT (digest) DO NOTHING
        """;

    public const string ManifestDetails = "SELECT size, platforms, labels FROM manifest_details WHERE digest = @Digest";

    /// <summary>Runs first in a flush of pull counts, as every catalog write takes the state row first.</summary>
    public const string BumpCatalogVersion = "UPDATE catalog_state SET version = version + 1";

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
