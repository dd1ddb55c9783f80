using Registry.Api.Jobs;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// Runs policies on their schedules: the <c>retention-scheduler</c> job. Every <c>Retention:PollInterval</c> the node
/// holding the job's lease (<see cref="LeasedJobRunner"/>) looks for enabled policies whose next fire time has passed, claims each due run
/// in the store (so even two nodes that both think they hold the lease run it once), and runs it. Fire times missed
/// while no node ran collapse into one run. Artifact repositories' scheduled retention runs in the same loop
/// (<see cref="ArtifactRetentionScheduler"/>).
/// </summary>
internal sealed partial class RetentionScheduler(
    IRetentionStore store,
    RetentionRuns runs,
    ArtifactRetentionScheduler artifacts,
    Auth.AuditLog audit,
    TimeProvider time,
    ILogger<RetentionScheduler> logger) : ILeasedJob
{
    public const string JobName = "retention-scheduler";

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await RunDueAsync(ct);
        await artifacts.RunDueAsync(ct);
    }

    /// <summary>Runs every policy that is due now; returns the runs it recorded.</summary>
    public async Task<IReadOnlyList<RetentionRun>> RunDueAsync(CancellationToken ct)
    {
        var recorded = new List<RetentionRun>();
        DateTimeOffset now = time.GetUtcNow();
        foreach (RetentionPolicy policy in await store.ListPoliciesAsync(ct))
        {
            if (RetentionSchedule.NextRun(policy) is not { } due || due > now
                || !await store.ClaimScheduledRunAsync(policy.Id, policy.LastScheduledAt, now, ct))
            {
                continue;
            }

            RetentionRun? run = await runs.TryRunAsync(policy, RetentionRun.Scheduled, "scheduler");
            if (run is null)
            {
                LogBusy(logger, policy.Name);
                continue;
            }

            audit.Record(null, "scheduler", "retention.run", policy.Name, run.Summarize(), run.Errors == 0);
            LogRan(logger, policy.Name, run.TagsDeleted, run.ManifestsDeleted, run.BytesFreed, run.Errors);
            recorded.Add(run);
        }

        return recorded;
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Retention policy {Policy} ran on schedule: {Tags} tags and {Manifests} manifests deleted, {Bytes} bytes freed, {Errors} errors")]
    private static partial void LogRan(ILogger logger, string policy, int tags, int manifests, long bytes, int errors);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Retention policy {Policy} is due but another run of it is in progress; skipped")]
    private static partial void LogBusy(ILogger logger, string policy);
}
