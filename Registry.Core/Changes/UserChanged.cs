namespace Registry.Core.Changes;

/// <summary>A user account created, deleted, disabled, enabled, or given a new password.</summary>
public sealed record UserChanged(Actor Actor, DateTimeOffset At, string User, UserChange Change) : ChangeRecord(Actor, At)
{
    public override string Subject => User;
}
