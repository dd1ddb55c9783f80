using Registry.Core.Replication;

namespace Registry.Core.Changes;

/// <summary>
/// A replication rule created, updated or deleted, as it is now (or was): audited as <c>replication.create</c>,
/// <c>replication.update</c>, <c>replication.delete</c> with <see cref="ReplicationRule.Describe"/> (never the password).
/// </summary>
public sealed record ReplicationRuleChanged(Actor Actor, DateTimeOffset At, ReplicationRule Rule, ReplicationRuleChange Kind, bool PasswordChanged) : ChangeRecord(Actor, At)
{
    public override string Subject => Rule.Name;
}
