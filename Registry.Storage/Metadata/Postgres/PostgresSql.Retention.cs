namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The PostgreSQL side of the retention statements (the rest are in <see cref="RetentionSql"/>). Sets of manifests
/// and digests come in as arrays read with <c>unnest</c>, so a plan of any size is one statement.
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>The deleted manifests come as two arrays of the same length: repositories and digests.</summary>
    public const string FreedBlobs = $"""
        WITH deleted AS MATERIALIZED (
            SELECT r.id AS repository_id, x.digest
            FROM unnest(@Repositories::text[], @Digests::text[]) AS x (repository, digest)
            JOIN repositories r ON r.name = x.repository
        ),
        {RetentionSql.FreedBlobsOfDeleted}
        """;

    public const string BlobsInUse = $"SELECT x.digest FROM unnest(@Digests::text[]) AS x (digest) {RetentionSql.DigestsInUse}";
}
