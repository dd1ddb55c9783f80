using Registry.Core.Retention;

namespace Registry.Core.Changes;

/// <summary>A retention policy created, changed or deleted (<see cref="Kind"/>); <see cref="Policy"/> is it as written (or as it was, when deleted).</summary>
public sealed record RetentionPolicyChanged(Actor Actor, DateTimeOffset At, RetentionPolicy Policy, RetentionPolicyChange Kind) : ChangeRecord(Actor, At)
{
    public override string Subject => Policy.Name;
}
