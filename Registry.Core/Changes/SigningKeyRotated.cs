namespace Registry.Core.Changes;

/// <summary>Tokens are signed with a new key from now on (<see cref="KeyId"/>); the others were retired (they validate until their tokens expire).</summary>
public sealed record SigningKeyRotated(Actor Actor, DateTimeOffset At, string KeyId) : ChangeRecord(Actor, At)
{
    public override string Subject => KeyId;
}
