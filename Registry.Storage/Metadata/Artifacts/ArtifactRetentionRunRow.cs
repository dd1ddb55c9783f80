using Registry.Core.Artifacts;
using Registry.Storage.Metadata.Retention;

namespace Registry.Storage.Metadata.Artifacts;

/// <summary>An <c>artifact_retention_runs</c> row as Dapper fills it in either metadata store (<see cref="Details"/> null in listings).</summary>
internal sealed class ArtifactRetentionRunRow
{
    public const string Columns = """
        id AS Id, repository AS Repository, trigger_kind AS TriggerKind, actor AS Actor, dry_run AS DryRun, started_at AS StartedAt,
        finished_at AS FinishedAt, versions_deleted AS VersionsDeleted, files_deleted AS FilesDeleted, bytes_freed AS BytesFreed, errors AS Errors
        """;

    public long Id { get; set; }

    public string Repository { get; set; } = string.Empty;

    public string TriggerKind { get; set; } = string.Empty;

    public string Actor { get; set; } = string.Empty;

    public bool DryRun { get; set; }

    public long StartedAt { get; set; }

    public long FinishedAt { get; set; }

    public int VersionsDeleted { get; set; }

    public int FilesDeleted { get; set; }

    public long BytesFreed { get; set; }

    public int Errors { get; set; }

    public string? Details { get; set; }

    public static object Parameters(ArtifactRetentionRun run) => new
    {
        run.Repository,
        TriggerKind = run.Trigger,
        run.Actor,
        run.DryRun,
        StartedAt = run.StartedAt.ToUnixTimeMilliseconds(),
        FinishedAt = run.FinishedAt.ToUnixTimeMilliseconds(),
        run.VersionsDeleted,
        run.FilesDeleted,
        run.BytesFreed,
        run.Errors,
        Details = System.Text.Json.JsonSerializer.Serialize(run.Details ?? ArtifactRetentionRunDetails.Empty, RetentionJsonContext.Default.ArtifactRetentionRunDetails),
    };

    /// <summary>The run as reading it back gives: with its id, and its times at the millisecond the columns keep.</summary>
    public static ArtifactRetentionRun Stored(ArtifactRetentionRun run, long id) => run with
    {
        Id = id,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(run.StartedAt.ToUnixTimeMilliseconds()),
        FinishedAt = DateTimeOffset.FromUnixTimeMilliseconds(run.FinishedAt.ToUnixTimeMilliseconds()),
        Details = run.Details ?? ArtifactRetentionRunDetails.Empty,
    };

    public ArtifactRetentionRun ToRecord() => new(
        Id,
        Repository,
        TriggerKind,
        Actor,
        DryRun,
        DateTimeOffset.FromUnixTimeMilliseconds(StartedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(FinishedAt),
        VersionsDeleted,
        FilesDeleted,
        BytesFreed,
        Errors,
        Details is null ? null : System.Text.Json.JsonSerializer.Deserialize(Details, RetentionJsonContext.Default.ArtifactRetentionRunDetails));
}
