namespace Registry.Core.Events;

/// <summary>The outcome of one attempt, recorded by the node that claimed the delivery.</summary>
/// <param name="Status"><see cref="DeliveryStatus.Delivered"/>, <see cref="DeliveryStatus.Pending"/> (to be retried at
/// <paramref name="NextAttemptAt"/>) or <see cref="DeliveryStatus.Failed"/> (given up).</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when it did not answer (refused, timed out).</param>
public sealed record DeliveryAttempt(
    long DeliveryId,
    string Node,
    DeliveryStatus Status,
    int? StatusCode,
    string? Error,
    DateTimeOffset At,
    DateTimeOffset NextAttemptAt);
