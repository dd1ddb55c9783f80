using Registry.Core.Changes;
using Registry.Core.Events;
using Registry.Core.Replication;

namespace Registry.Api.Events;

/// <summary>The <c>replication.run</c> event of each finished replication run, about no one repository.</summary>
internal sealed partial class WebhookChangeRecorder
{
    /// <summary>Adds to <paramref name="queued"/> an event per finished run that a webhook wants; returns the list (null when still empty).</summary>
    private async ValueTask<List<QueuedEvent>?> ReplicationEventsAsync(IReadOnlyList<ChangeRecord> changes, List<QueuedEvent>? queued, CancellationToken ct)
    {
        foreach (ReplicationRunCompleted completed in changes.OfType<ReplicationRunCompleted>())
        {
            if (publisher.MatchUnscoped(EventActions.ReplicationRun) is not { } ids)
            {
                continue;
            }

            ReplicationRule? rule = await replication.GetReplicationRuleAsync(completed.Run.Rule, ct);
            (queued ??= []).Add(publisher.Queued(
                completed.Actor, EventActions.ReplicationRun, new EventTarget(null, null, null, null, null), ids, ReplicationEventRun.Of(completed.Run, rule)));
        }

        return queued;
    }

    private bool WantsReplicationEvent(IReadOnlyList<ChangeRecord> changes)
        => changes.Any(c => c is ReplicationRunCompleted) && publisher.MatchUnscoped(EventActions.ReplicationRun) is not null;
}
