namespace Registry.Core.Changes;

/// <summary>
/// A user account created, deleted, disabled, enabled, or given a new password; <see cref="Reason"/> names what did
/// it when that is not an ordinary request (<c>reset-admin-password</c>).
/// </summary>
public sealed record UserChanged(Actor Actor, DateTimeOffset At, string User, UserChange Change, string? Reason = null) : ChangeRecord(Actor, At)
{
    public override string Subject => User;
}
