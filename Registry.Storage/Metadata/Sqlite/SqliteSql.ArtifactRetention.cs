using Registry.Storage.Metadata.Artifacts;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The SQLite side of the scheduled artifact retention statements (the rest are in <see cref="ArtifactRetentionSql"/>).</summary>
internal static partial class SqliteSql
{
    public const string ClaimScheduledArtifactRetention = """
        UPDATE artifact_retention SET last_scheduled_at = @At WHERE repository = @Repository AND last_scheduled_at IS @Previous
        """;

    public const string ArtifactRetentionRuns = $"""
        SELECT {ArtifactRetentionRunRow.Columns} FROM artifact_retention_runs
        WHERE repository = @Repository AND (@Before IS NULL OR id < @Before)
        ORDER BY id DESC LIMIT @Limit
        """;
}
