namespace Registry.Core.Events;

public enum RedeliveryStatus
{
    /// <summary>A new delivery of the same event is queued (<see cref="RedeliveryResult.DeliveryId"/>).</summary>
    Queued,

    /// <summary>No such webhook, or no such delivery of it.</summary>
    NotFound,

    /// <summary>The delivery is still pending: it is being attempted (and retried) already.</summary>
    StillPending,

    Denied,
}

/// <summary>The outcome of redelivering a webhook delivery.</summary>
public readonly record struct RedeliveryResult(RedeliveryStatus Status, long? DeliveryId)
{
    public static RedeliveryResult Of(RedeliveryStatus status) => new(status, null);
}
