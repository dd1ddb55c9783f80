using Registry.Core.Replication;

namespace Registry.Core.Changes;

/// <summary>A replication run ended: audited as <c>replication.run</c>, announced to webhooks (action <c>replication</c>).</summary>
public sealed record ReplicationRunCompleted(Actor Actor, DateTimeOffset At, ReplicationRun Run) : ChangeRecord(Actor, At)
{
    public override string Subject => Run.Rule;
}
