namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The SQLite side of the retention statements (the rest are in <see cref="RetentionSql"/>). Sets of manifests and
/// digests come in as one JSON parameter read with <c>json_each</c>, so a plan of any size is one statement.
/// </summary>
internal static partial class SqliteSql
{
    /// <summary>@Deleted is a flat JSON array: repository, digest, repository, digest, ...</summary>
    public const string FreedBlobs = $"""
        WITH pairs AS (SELECT j.key AS k, j.value AS v FROM json_each(@Deleted) j),
        deleted AS MATERIALIZED (
            SELECT r.id AS repository_id, d.v AS digest
            FROM pairs n JOIN pairs d ON d.k = n.k + 1 JOIN repositories r ON r.name = n.v
            WHERE n.k % 2 = 0
        ),
        {RetentionSql.FreedBlobsOfDeleted}
        """;

    public const string BlobsInUse = $"SELECT x.digest FROM (SELECT j.value AS digest FROM json_each(@Digests) j) x {RetentionSql.DigestsInUse}";
}
