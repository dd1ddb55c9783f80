using Registry.Core.Access;

namespace Registry.Core.Changes;

/// <summary>A CI token created, or revoked (<see cref="Revoked"/>, with <see cref="Reason"/> when it went with its owner).</summary>
public sealed record CiTokenChanged(Actor Actor, DateTimeOffset At, CiTokenRecord Token, bool Revoked, string? Reason = null) : ChangeRecord(Actor, At)
{
    public override string Subject => Permissions.TokenSubject(Token.Name);
}
