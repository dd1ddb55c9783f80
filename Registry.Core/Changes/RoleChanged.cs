using Registry.Core.Access;

namespace Registry.Core.Changes;

/// <summary><see cref="User"/> granted <see cref="Role"/> on <see cref="Scope"/>, or their role there revoked (null).</summary>
public sealed record RoleChanged(Actor Actor, DateTimeOffset At, string User, AccessScope Scope, Role? Role) : ChangeRecord(Actor, At)
{
    public override string Subject => User;
}
