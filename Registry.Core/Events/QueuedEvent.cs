namespace Registry.Core.Events;

/// <summary>An event to store with one delivery for each webhook that matched it.</summary>
/// <param name="Payload">The event as JSON (<see cref="EventEnvelope.Serialize"/>).</param>
public sealed record QueuedEvent(
    string Id,
    DateTimeOffset At,
    string Action,
    string Repository,
    string Payload,
    IReadOnlyList<string> WebhookIds);
