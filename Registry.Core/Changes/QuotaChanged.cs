namespace Registry.Core.Changes;

/// <summary>A namespace's quota set to <see cref="Bytes"/>, or removed (null).</summary>
public sealed record QuotaChanged(Actor Actor, DateTimeOffset At, string Namespace, long? Bytes) : ChangeRecord(Actor, At)
{
    public override string Subject => Namespace;
}
