namespace Registry.Core.Events;

/// <summary>One event on its way to one webhook, as the console lists it.</summary>
/// <param name="Id">Assigned by the store; increases with insertion order.</param>
/// <param name="Payload">The event's JSON (one element of the envelope's <c>events</c>).</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt; null when it got no answer.</param>
/// <param name="ClaimedBy">The node attempting it now; a claim lapses at <paramref name="ClaimedUntil"/>.</param>
/// <param name="RedeliveryOf">For a redelivery: the delivery of the same event it repeats.</param>
/// <param name="RedeliveredBy">For a redelivery: who asked for it.</param>
public sealed record WebhookDelivery(
    long Id,
    string WebhookId,
    string EventId,
    string Action,
    string Repository,
    string Payload,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    int? LastStatusCode,
    DateTimeOffset NextAttemptAt,
    string? ClaimedBy,
    DateTimeOffset? ClaimedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    long? RedeliveryOf = null,
    string? RedeliveredBy = null);
