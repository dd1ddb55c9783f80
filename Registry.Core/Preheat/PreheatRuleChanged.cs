using Registry.Core.Changes;

namespace Registry.Core.Preheat;

/// <summary>A preheat rule created or deleted.</summary>
public sealed record PreheatRuleChanged(Actor Actor, DateTimeOffset At, PreheatRule Rule, bool Deleted) : ChangeRecord(Actor, At)
{
    public override string Subject => Rule.Name;
}
