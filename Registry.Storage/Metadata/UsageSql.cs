namespace Registry.Storage.Metadata;

/// <summary>
/// The statements of the usage store, the same in SQLite and PostgreSQL but for passing a list of digests (built per
/// dialect) and PostgreSQL's quota lock. A repository uses its manifests' bytes and the blobs (kind 0) they reference; a namespace
/// is the repository named like it plus every repository under "ns/" (a name range, index-backed).
/// </summary>
internal static class UsageSql
{
    private const string InNamespace = "(r.name = @Ns OR (r.name >= @Prefix AND r.name < @Upper))";

    private const string UsedDigests = $"""
        SELECT m.digest FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE {InNamespace}
        UNION
        SELECT mr.child_digest FROM manifest_references mr JOIN repositories r ON r.id = mr.repository_id
        WHERE mr.kind = 0 AND {InNamespace}
        """;

    public const string NamespaceUsage = $"""
        SELECT CAST(COUNT(*) AS bigint) AS Blobs, CAST(COALESCE(SUM(b.size), 0) AS bigint) AS Bytes FROM blobs b WHERE b.digest IN ({UsedDigests})
        """;

    public const string RepositoryUsage = """
        SELECT CAST(COUNT(*) AS bigint) AS Blobs, CAST(COALESCE(SUM(b.size), 0) AS bigint) AS Bytes FROM blobs b WHERE b.digest IN (
            SELECT m.digest FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name = @Name
            UNION
            SELECT mr.child_digest FROM manifest_references mr JOIN repositories r ON r.id = mr.repository_id
            WHERE mr.kind = 0 AND r.name = @Name)
        """;

    public const string ListRepositoryUsage = $"""
        SELECT r.name AS Repository, CAST(COALESCE(SUM(b.size), 0) AS bigint) AS Bytes, CAST(COUNT(*) AS bigint) AS Blobs
        FROM (SELECT repository_id, digest FROM manifests
              UNION
              SELECT repository_id, child_digest FROM manifest_references WHERE kind = 0) u
        JOIN repositories r ON r.id = u.repository_id
        JOIN blobs b ON b.digest = u.digest
        WHERE (@All OR {InNamespace})
        GROUP BY r.name ORDER BY r.name
        """;

    public const string Quota = "SELECT namespace AS Namespace, bytes AS Bytes, set_by AS SetBy, set_at AS SetAt FROM namespace_quotas WHERE namespace = @Ns";

    public const string Quotas = "SELECT namespace AS Namespace, bytes AS Bytes, set_by AS SetBy, set_at AS SetAt FROM namespace_quotas ORDER BY namespace";

    public const string UpsertQuota = """
        INSERT INTO namespace_quotas (namespace, bytes, set_by, set_at) VALUES (@Ns, @Bytes, @SetBy, @SetAt)
        ON CONFLICT (namespace) DO UPDATE SET bytes = excluded.bytes, set_by = excluded.set_by, set_at = excluded.set_at
        """;

    public const string DeleteQuota = "DELETE FROM namespace_quotas WHERE namespace = @Ns";

    /// <summary>Which of <c>@Digests</c> the namespace uses.</summary>
    public static string UsedInNamespace(bool pg) => $"SELECT u.digest FROM ({UsedDigests}) u WHERE u.digest {DialectSql.In(pg, "Digests")}";
}
