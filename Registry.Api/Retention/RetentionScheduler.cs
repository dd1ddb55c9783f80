using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Api.Retention;

/// <summary>
/// Runs policies on their schedules. Every <c>Retention:PollInterval</c> the node holding the
/// <c>retention-scheduler</c> lease looks for enabled policies whose next fire time has passed, claims each due run
/// in the store (so even two nodes that both think they hold the lease run it once), and runs it. Fire times missed
/// while no node ran collapse into one run.
/// </summary>
internal sealed partial class RetentionScheduler(
    IRetentionStore store,
    IMetadataStore metadata,
    RetentionRuns runs,
    Auth.AuditLog audit,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    NodeIdentity node,
    ILogger<RetentionScheduler> logger) : BackgroundService
{
    private const string LeaseName = "retention-scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Retention.Enabled)
        {
            return;
        }

        TimeSpan interval = options.Value.Retention.PollInterval;
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await metadata.TryAcquireLeaseAsync(LeaseName, node.Id, interval * 2, stoppingToken))
                {
                    await RunDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e);
            }
        }
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

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Retention scheduler poll failed; will retry at the next interval")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
