using Registry.Core.Changes;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Carries deletions through on-push rules: takes the deletions queued since the last pass, and for each enabled push
/// rule with the on-push trigger that propagates deletes runs it for those its filter selects (trigger <c>push</c>;
/// the run deletes at the destination what the source no longer has). A rule running already gets them again after
/// <see cref="ReplicationPushWorker.RetryDelay"/>.
/// </summary>
internal sealed partial class ReplicationDeleteWorker(
    ReplicationDeleteQueue queue, IReplicationStore store, ReplicationRuns runs, TimeProvider time, ILogger<ReplicationDeleteWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            var deletions = new HashSet<(string Repository, string Tag)>();
            while (queue.Reader.TryRead(out (string, string) deletion))
            {
                deletions.Add(deletion);
            }

            try
            {
                await RunRulesAsync(deletions, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
        }
    }

    private async Task RunRulesAsync(HashSet<(string Repository, string Tag)> deletions, CancellationToken ct)
    {
        foreach (ReplicationRule rule in await store.ListReplicationRulesAsync(ct))
        {
            if (!rule.Enabled || !rule.Triggers.OnPush || !rule.PropagateDeletes || rule.Direction != ReplicationDirection.Push)
            {
                continue;
            }

            var selected = deletions.Where(d => rule.Filter.TakesRepository(d.Repository) && (d.Tag == ReplicationRunner.EveryTag || rule.Filter.TakesTag(d.Tag))).ToHashSet();
            if (selected.Count == 0)
            {
                continue;
            }

            if (await runs.RunAsync(new Actor(ActorKind.System, rule.ActorName), rule, "push", selected, ct) is null)
            {
                _ = RequeueLaterAsync(selected, ct);
            }
        }
    }

    private async Task RequeueLaterAsync(IEnumerable<(string, string)> deletions, CancellationToken ct)
    {
        try
        {
            await Task.Delay(ReplicationPushWorker.RetryDelay, time, ct);
            foreach ((string, string) deletion in deletions)
            {
                queue.Writer.TryWrite(deletion);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "An on-push replication pass for deletions failed; the deletions it held are not retried")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
