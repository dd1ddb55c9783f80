namespace Registry.Storage.Metadata.Artifacts;

/// <summary>Scheduled artifact retention and its run history: the statements both metadata stores share.</summary>
internal static class ArtifactRetentionSql
{
    public const string ScheduledPolicies = $"SELECT {ArtifactRetentionRow.Columns} FROM artifact_retention WHERE schedule IS NOT NULL ORDER BY repository";

    public const string InsertRun = """
        INSERT INTO artifact_retention_runs (repository, trigger_kind, actor, dry_run, started_at, finished_at, versions_deleted,
                                             files_deleted, bytes_freed, errors, details)
        VALUES (@Repository, @TriggerKind, @Actor, @DryRun, @StartedAt, @FinishedAt, @VersionsDeleted,
                @FilesDeleted, @BytesFreed, @Errors, @Details)
        RETURNING id
        """;

    public const string Run = $"SELECT {ArtifactRetentionRunRow.Columns}, details AS Details FROM artifact_retention_runs WHERE repository = @Repository AND id = @Id";

    public const string DeleteRepositoryRuns = "DELETE FROM artifact_retention_runs WHERE repository = @Key";

    /// <summary>Claims the scheduled run only while it was last claimed at <c>@Previous</c> (NULL-safe), so one node wins.</summary>
    public const string ClaimScheduled = """
        UPDATE artifact_retention SET last_scheduled_at = @At
        WHERE repository = @Repository AND last_scheduled_at IS NOT DISTINCT FROM CAST(@Previous AS bigint)
        """;

    public const string Runs = $"""
        SELECT {ArtifactRetentionRunRow.Columns} FROM artifact_retention_runs
        WHERE repository = @Repository AND (CAST(@Before AS bigint) IS NULL OR id < @Before)
        ORDER BY id DESC LIMIT @Limit
        """;
}
