namespace Registry.Core.Events;

/// <summary>A due delivery a node claimed, with what it needs to send it: the event and the webhook's current address.</summary>
/// <param name="Attempts">Attempts made before this one.</param>
public sealed record ClaimedDelivery(
    long Id,
    string WebhookId,
    string EventId,
    int Attempts,
    string Payload,
    string Url,
    string Secret,
    IReadOnlyDictionary<string, string> Headers);
