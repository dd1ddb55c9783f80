using Registry.Core.Retention;

namespace Registry.Storage.Metadata.Retention;

/// <summary>A <c>retention_runs</c> row as Dapper fills it in either metadata store (<see cref="Details"/> null in listings).</summary>
internal sealed class RetentionRunRow
{
    public const string Columns = """
        id AS Id, policy_id AS PolicyId, policy_name AS PolicyName, trigger_kind AS TriggerKind, actor AS Actor, dry_run AS DryRun,
        started_at AS StartedAt, finished_at AS FinishedAt, tags_deleted AS TagsDeleted, manifests_deleted AS ManifestsDeleted,
        blobs_freed AS BlobsFreed, bytes_freed AS BytesFreed, skipped AS Skipped, errors AS Errors
        """;

    public long Id { get; set; }

    public long PolicyId { get; set; }

    public string PolicyName { get; set; } = string.Empty;

    public string TriggerKind { get; set; } = string.Empty;

    public string Actor { get; set; } = string.Empty;

    public bool DryRun { get; set; }

    public long StartedAt { get; set; }

    public long FinishedAt { get; set; }

    public int TagsDeleted { get; set; }

    public int ManifestsDeleted { get; set; }

    public int BlobsFreed { get; set; }

    public long BytesFreed { get; set; }

    public int Skipped { get; set; }

    public int Errors { get; set; }

    public string? Details { get; set; }

    public static object Parameters(RetentionRun run) => new
    {
        run.PolicyId,
        run.PolicyName,
        TriggerKind = run.Trigger,
        run.Actor,
        run.DryRun,
        StartedAt = run.StartedAt.ToUnixTimeMilliseconds(),
        FinishedAt = run.FinishedAt.ToUnixTimeMilliseconds(),
        run.TagsDeleted,
        run.ManifestsDeleted,
        run.BlobsFreed,
        run.BytesFreed,
        run.Skipped,
        run.Errors,
        Details = RetentionJson.Details(run.Details ?? RetentionRunDetails.Empty),
    };

    /// <summary>The run as reading it back gives: with its id, and its times at the millisecond the columns keep.</summary>
    public static RetentionRun Stored(RetentionRun run, long id) => run with
    {
        Id = id,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(run.StartedAt.ToUnixTimeMilliseconds()),
        FinishedAt = DateTimeOffset.FromUnixTimeMilliseconds(run.FinishedAt.ToUnixTimeMilliseconds()),
    };

    public RetentionRun ToRecord() => new(
        Id,
        PolicyId,
        PolicyName,
        TriggerKind,
        Actor,
        DryRun,
        DateTimeOffset.FromUnixTimeMilliseconds(StartedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(FinishedAt),
        TagsDeleted,
        ManifestsDeleted,
        BlobsFreed,
        BytesFreed,
        Skipped,
        Errors,
        Details is null ? null : RetentionJson.ReadDetails(Details));
}
