using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Retention;
using Registry.Core.Changes;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Starts the runs no request asks for: the one <c>replication-scheduler</c> job, run every
/// <c>Registry:Replication:PollInterval</c> by the node holding its lease (<see cref="LeasedJobRunner"/>). For each
/// enabled rule it runs, as <c>replication:NAME</c> through <see cref="ReplicationRuns"/> (the rule's lease keeps a
/// rule to one run at a time across the fleet):
/// <list type="bullet">
/// <item>trigger <c>cron</c> when the rule's Quartz schedule (UTC) has fired since the later of its last change and
/// its last cron run (read from its runs), so fire times missed while no node ran collapse into one run;</item>
/// <item>else trigger <c>retry</c> when its newest runs could not reach the other registry and the wait
/// <see cref="ReplicationBackoff"/> sets after them has passed.</item>
/// </list>
/// A rule running already is left for the next pass. Runs go one after another.
/// </summary>
internal sealed partial class ReplicationScheduler(
    IReplicationStore store,
    ReplicationRuns runs,
    IOptions<ReplicationSettings> settings,
    TimeProvider time,
    ILogger<ReplicationScheduler> logger) : ILeasedJob
{
    public const string JobName = "replication-scheduler";

    public Task RunOnceAsync(CancellationToken ct) => RunDueAsync(ct);

    /// <summary>Runs every rule that is due now; returns the runs it recorded.</summary>
    public async Task<IReadOnlyList<ReplicationRun>> RunDueAsync(CancellationToken ct)
    {
        var recorded = new List<ReplicationRun>();
        ReplicationBackoff backoff = settings.Value.Backoff();
        foreach (ReplicationRule rule in await store.ListReplicationRulesAsync(ct))
        {
            if (!rule.Enabled)
            {
                continue;
            }

            try
            {
                if (await RunIfDueAsync(rule, backoff, ct) is { } run)
                {
                    recorded.Add(run);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One rule's failure (its run could not be recorded, say) does not keep the others from their turn.
                LogFailed(logger, rule.Name, e);
            }
        }

        return recorded;
    }

    private async Task<ReplicationRun?> RunIfDueAsync(ReplicationRule rule, ReplicationBackoff backoff, CancellationToken ct)
    {
        if (await DueAsync(rule, backoff, ct) is not { } trigger)
        {
            return null;
        }

        ReplicationRun? run = await runs.RunAsync(new Actor(ActorKind.System, rule.ActorName), rule, trigger.Name, null, ct, trigger.Why);
        if (run is null)
        {
            LogBusy(logger, rule.Name, trigger.Name);
            return null;
        }

        LogRan(logger, rule.Name, trigger.Name, trigger.Why, run.Status, run.Summary);
        return run;
    }

    /// <summary>The trigger a run of <paramref name="rule"/> is due for now, or null.</summary>
    private async Task<(string Name, string Why)?> DueAsync(ReplicationRule rule, ReplicationBackoff backoff, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (rule.Triggers.Cron is { } cron)
        {
            ReplicationRun? last = await store.LatestReplicationRunAsync(rule.Name, ReplicationTriggerNames.Cron, ct);
            if (RetentionSchedule.NextRun(cron, enabled: true, rule.UpdatedAt, last?.StartedAt) is { } next && next <= now)
            {
                return (ReplicationTriggerNames.Cron, string.Create(CultureInfo.InvariantCulture, $"schedule '{cron}' fired at {next.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"));
            }
        }

        if (backoff.Attempts > 0
            && backoff.Next(await store.ListReplicationRunsAsync(rule.Name, backoff.RunsNeeded, ct)) is { } retry
            && retry.DueAt <= now)
        {
            return (ReplicationTriggerNames.Retry, retry.Reason(backoff.Attempts));
        }

        return null;
    }

    [LoggerMessage(EventId = 2611, Level = LogLevel.Information, Message = "Replication rule {Rule} ran ({Trigger}: {Why}): {Status}, {Summary}")]
    private static partial void LogRan(ILogger logger, string rule, string trigger, string why, string status, string summary);

    [LoggerMessage(EventId = 2613, Level = LogLevel.Warning, Message = "Replication rule {Rule} could not be run on schedule; it is tried again at the next pass")]
    private static partial void LogFailed(ILogger logger, string rule, Exception exception);

    [LoggerMessage(EventId = 2612, Level = LogLevel.Information, Message = "Replication rule {Rule} is due ({Trigger}) but runs already; it is tried again at the next pass")]
    private static partial void LogBusy(ILogger logger, string rule, string trigger);
}
