namespace Registry.Storage.Metadata;

/// <summary>The integrity check's statements (the metadata stores' <c>IIntegrityStore</c>), the same in SQLite and PostgreSQL.</summary>
internal static class IntegritySql
{
    /// <summary>Every digest metadata expects stored, with the repositories naming it, ordered by digest.</summary>
    public const string KnownBlobs = """
        SELECT k.digest AS "Digest", r.name AS "Repository"
        FROM (SELECT digest, CAST(NULL AS bigint) AS repository_id FROM blobs
              UNION SELECT digest, repository_id FROM repository_blobs
              UNION SELECT digest, repository_id FROM manifests) k
        LEFT JOIN repositories r ON r.id = k.repository_id
        ORDER BY k.digest, r.name
        """;

    public const string IsKnownBlob = """
        SELECT EXISTS (SELECT 1 FROM blobs WHERE digest = @Digest)
            OR EXISTS (SELECT 1 FROM repository_blobs WHERE digest = @Digest)
            OR EXISTS (SELECT 1 FROM manifests WHERE digest = @Digest)
        """;
}
