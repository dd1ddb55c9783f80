using Registry.Core.Tags;

namespace Registry.Core.Changes;

/// <summary>A tag protection rule created (<see cref="Deleted"/> false) or deleted.</summary>
public sealed record ProtectionRuleChanged(Actor Actor, DateTimeOffset At, TagProtectionRule Rule, bool Deleted) : ChangeRecord(Actor, At)
{
    public override string Subject => Rule.Scope.ToString();
}
