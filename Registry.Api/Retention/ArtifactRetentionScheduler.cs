using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// Runs artifact retention policies on their schedules. The retention scheduler's loop calls it on the node holding
/// the <c>retention-scheduler</c> lease, beside image policies; each due run is claimed in the store (so two nodes
/// that both think they hold the lease run it once), and fire times missed while no node ran collapse into one run.
/// </summary>
internal sealed partial class ArtifactRetentionScheduler(
    IArtifactRetentionStore store,
    IArtifactStore artifacts,
    ArtifactRetentionRuns runs,
    Auth.AuditLog audit,
    TimeProvider time,
    ILogger<ArtifactRetentionScheduler> logger)
{
    /// <summary>Runs every artifact retention policy that is due now; returns the runs it recorded.</summary>
    public async Task<IReadOnlyList<ArtifactRetentionRun>> RunDueAsync(CancellationToken ct)
    {
        var recorded = new List<ArtifactRetentionRun>();
        DateTimeOffset now = time.GetUtcNow();
        foreach ((string key, ArtifactRetentionPolicy policy) in await store.ListScheduledRetentionAsync(ct))
        {
            if (RetentionSchedule.NextRun(policy.Schedule, policy.Enabled, policy.UpdatedAt, policy.LastScheduledAt) is not { } due || due > now
                || await artifacts.GetArtifactRepositoryAsync(key, ct) is not { } repository
                || !await store.ClaimScheduledRetentionRunAsync(key, policy.LastScheduledAt, now, ct))
            {
                continue;
            }

            ArtifactRetentionAttempt attempt = await runs.RunAsync(repository, dryRun: false, RetentionRun.Scheduled, "scheduler", ct);
            if (attempt.Busy)
            {
                LogBusy(logger, key);
                continue;
            }

            if (attempt.Run is not { } run)
            {
                continue;
            }

            audit.Record(null, "scheduler", "artifact-retention.run", key, run.Summarize(), run.Errors == 0);
            LogRan(logger, key, run.VersionsDeleted, run.FilesDeleted, run.BytesFreed, run.Errors);
            recorded.Add(run);
        }

        return recorded;
    }

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Artifact retention of {Repository} ran on schedule: {Versions} versions ({Files} files, {Bytes} bytes) deleted, {Errors} errors")]
    private static partial void LogRan(ILogger logger, string repository, int versions, int files, long bytes, int errors);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Artifact retention of {Repository} is due but another run of it is in progress; skipped")]
    private static partial void LogBusy(ILogger logger, string repository);
}
