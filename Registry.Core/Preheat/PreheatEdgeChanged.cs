using Registry.Core.Changes;

namespace Registry.Core.Preheat;

/// <summary>An edge created, changed or deleted, as it is now (or was); never with its credentials.</summary>
public sealed record PreheatEdgeChanged(Actor Actor, DateTimeOffset At, PreheatEdgeChange Change, string Name, Uri Url, string RemoteKey, string? Username)
    : ChangeRecord(Actor, At)
{
    public override string Subject => Name;
}
