using Registry.Core.Access;

namespace Registry.Core.Changes;

/// <summary>A scope made readable to anonymous clients (<see cref="IsPublic"/>), or no longer.</summary>
public sealed record PublicScopeChanged(Actor Actor, DateTimeOffset At, AccessScope Scope, bool IsPublic) : ChangeRecord(Actor, At)
{
    public override string Subject => Scope.ToString();
}
