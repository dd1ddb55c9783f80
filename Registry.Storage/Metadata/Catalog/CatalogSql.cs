namespace Registry.Storage.Metadata.Catalog;

/// <summary>
/// The catalog's statements (<c>ICatalogStore</c>; tables from migration 0007) that SQLite and PostgreSQL share, some
/// built per dialect (<c>pg</c>): tag globs are <c>GLOB</c> or <c>LIKE</c> (<see cref="DialectSql.Glob"/>). The pages
/// (PostgreSQL reads each repository's first tags through a lateral subquery) and adding pull counts (one row, or a
/// batch that also bumps the repositories' versions) stay in <c>SqliteSql.Catalog</c> and <c>PostgresSql.Catalog</c>.
/// </summary>
internal static class CatalogSql
{
    /// <summary>A tag's manifest, details and pull counts; expects <c>t</c> (tags) joined, names columns after <c>CatalogRow</c>.</summary>
    public const string Columns = """
        t.manifest_digest AS "Digest", t.updated_at AS "PushedAt",
        m.media_type AS "MediaType", m.artifact_type AS "ArtifactType", m.size AS "ManifestSize", m.annotations AS "Annotations",
        d.size AS "DetailsSize", d.platforms AS "Platforms", d.labels AS "Labels",
        p.pull_count AS "PullCount", p.last_pulled_at AS "LastPulledAt"
        """;

    public const string Joins = """
        LEFT JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest
        LEFT JOIN manifest_details d ON d.digest = t.manifest_digest
        LEFT JOIN pull_stats p ON p.repository_id = t.repository_id AND p.digest = t.manifest_digest
        """;

    public const string State = "SELECT CAST(-1 AS bigint), version, change_seq FROM catalog_state WHERE id = 1";

    /// <summary>The version of one name range: the repositories' counters, summed (each only grows).</summary>
    public const string RangeVersion = """
        SELECT COUNT(*), CAST(COALESCE(SUM(c.version), 0) AS bigint), CAST(COALESCE(MAX(c.change_seq), 0) AS bigint)
        FROM repositories r JOIN catalog_repositories c ON c.repository_id = r.id
        WHERE r.name >= @From AND r.name < @To
        """;

    public const string ManifestDetails = "SELECT size, platforms, labels FROM manifest_details WHERE digest = @Digest";

    /// <summary>Runs first in a flush of pull counts: every catalog write takes the state row before the rows below it.</summary>
    public const string BumpVersion = "UPDATE catalog_state SET version = version + 1 WHERE id = 1";

    /// <summary>The latest change of each tag changed after <c>@Since</c>, in sequence order; deleted tags have no digest.</summary>
    public static string Changes(bool pg) => $"""
        SELECT c.seq AS "Sequence", r.name AS "Repository", c.tag AS "Tag", {Columns}
        FROM catalog_changes c
        JOIN repositories r ON r.id = c.repository_id
        LEFT JOIN tags t ON NOT c.deleted AND t.repository_id = c.repository_id AND t.name = c.tag
        {Joins}
        WHERE c.seq > @Since AND c.tag {DialectSql.Glob(pg)} @Pattern
        ORDER BY c.seq
        LIMIT @Limit
        """;

    /// <summary>
    /// Records a manifest's details with its size: the manifest and, through child manifests at any depth, every
    /// manifest and blob it references, each digest once (<c>IN</c> is a set). Only while the manifest is in the
    /// repository; the first record of a digest stays. PostgreSQL types the seed of the recursion as the column is.
    /// </summary>
    public static string InsertManifestDetails(bool pg) => $"""
        WITH RECURSIVE tree (digest) AS (
            SELECT {(pg ? "CAST(@Digest AS text) COLLATE \"C\"" : "@Digest")}
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
}
