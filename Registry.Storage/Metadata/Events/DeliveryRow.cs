using Registry.Core.Events;
using Registry.Storage.Metadata.Access;

namespace Registry.Storage.Metadata.Events;

/// <summary>A <c>webhook_deliveries</c> row joined with its event (alias <c>d</c> and <c>e</c>), as Dapper fills it in either store.</summary>
internal sealed class DeliveryRow
{
    public const string Columns = """
        d.id, d.webhook_id, d.event_id, e.action, e.repository, e.payload, d.status, d.attempts, d.last_error,
        d.last_status_code, d.next_attempt_at, d.claimed_by, d.claimed_until, d.created_at, d.delivered_at, d.redelivery_of,
        d.redelivered_by
        """;

    public long Id { get; set; }

    public string WebhookId { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string Repository { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public int Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public int? LastStatusCode { get; set; }

    public long NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public long? ClaimedUntil { get; set; }

    public long CreatedAt { get; set; }

    public long? DeliveredAt { get; set; }

    public long? RedeliveryOf { get; set; }

    public string? RedeliveredBy { get; set; }

    public WebhookDelivery ToRecord() => new(
        Id,
        WebhookId,
        EventId,
        Action,
        Repository,
        Payload,
        (DeliveryStatus)Status,
        Attempts,
        LastError,
        LastStatusCode,
        AccessTime.From(NextAttemptAt),
        ClaimedBy,
        AccessTime.From(ClaimedUntil),
        AccessTime.From(CreatedAt),
        AccessTime.From(DeliveredAt),
        RedeliveryOf,
        RedeliveredBy);
}
