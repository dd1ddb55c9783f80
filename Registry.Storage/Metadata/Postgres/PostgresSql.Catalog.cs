namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The catalog's statements (<see cref="PostgresMetadataStore"/>'s <c>ICatalogStore</c>); tables and the tag trigger
/// from migration 0007. Tag globs arrive translated to <c>LIKE</c> patterns (names are <c>COLLATE "C"</c>, so
/// <c>LIKE</c> is case-sensitive and ordinal, as SQLite's <c>GLOB</c>).
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>A tag's manifest, details and pull counts; expects <c>t</c> (tags) joined, names columns after <c>CatalogRow</c>.</summary>
    private const string CatalogColumns = """
        t.manifest_digest AS "Digest", t.updated_at AS "PushedAt",
        m.media_type AS "MediaType", m.artifact_type AS "ArtifactType", m.size AS "ManifestSize", m.annotations AS "Annotations",
        d.size AS "DetailsSize", d.platforms AS "Platforms", d.labels AS "Labels",
        p.pull_count AS "PullCount", p.last_pulled_at AS "LastPulledAt"
        """;

    private const string CatalogJoins = """
        LEFT JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest
        LEFT JOIN manifest_details d ON d.digest = t.manifest_digest
        LEFT JOIN pull_stats p ON p.repository_id = t.repository_id AND p.digest = t.manifest_digest
        """;

    public const string CatalogState = "SELECT -1::bigint, version, change_seq FROM catalog_state WHERE id = 1";

    /// <summary>The version of one name range: the repositories' counters, summed (each only grows).</summary>
    public const string CatalogRangeVersion = """
        SELECT COUNT(*), COALESCE(SUM(c.version), 0)::bigint, COALESCE(MAX(c.change_seq), 0)::bigint
        FROM repositories r JOIN catalog_repositories c ON c.repository_id = r.id
        WHERE r.name >= @From AND r.name < @To
        """;

    /// <summary>
    /// A keyset page of the repositories of one name range after <c>@AfterRepository</c>, in (repository, tag) order.
    /// The lateral subquery reads each repository's first tags in order from the primary key and stops at the page
    /// size, so a repository with many tags costs no more than a small one (a plain join would read all its tags to
    /// sort them).
    /// </summary>
    public const string CatalogPage = $"""
        SELECT r.name AS "Repository", t.name AS "Tag", {CatalogColumns}
        FROM repositories r
        CROSS JOIN LATERAL (
            SELECT t.* FROM tags t WHERE t.repository_id = r.id AND t.name LIKE @Pattern ORDER BY t.name LIMIT @Limit
        ) t
        {CatalogJoins}
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
        SELECT CAST(@AfterRepository AS text) AS "Repository", t.name AS "Tag", {CatalogColumns}
        FROM tags t
        {CatalogJoins}
        WHERE t.repository_id = (SELECT id FROM repositories WHERE name = @AfterRepository)
          AND t.name > @AfterTag AND t.name LIKE @Pattern
        ORDER BY t.name
        LIMIT @Limit
        """;

    /// <summary>The latest change of each tag changed after <c>@Since</c>, in sequence order; deleted tags have no digest.</summary>
    public const string CatalogChanges = $"""
        SELECT c.seq AS "Sequence", r.name AS "Repository", c.tag AS "Tag", {CatalogColumns}
        FROM catalog_changes c
        JOIN repositories r ON r.id = c.repository_id
        LEFT JOIN tags t ON NOT c.deleted AND t.repository_id = c.repository_id AND t.name = c.tag
        {CatalogJoins}
        WHERE c.seq > @Since AND c.tag LIKE @Pattern
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
            SELECT CAST(@Digest AS text) COLLATE "C"
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

    /// <summary>Runs first in a flush of pull counts: every catalog write takes the state row before the rows below it.</summary>
    public const string BumpCatalogVersion = "UPDATE catalog_state SET version = version + 1 WHERE id = 1";

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
