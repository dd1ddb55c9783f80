using System.Text.Json;
using Registry.Core.Events;

namespace Registry.Api.Management.Models;

/// <summary>One delivery for the console: where it stands, why it failed last, and the event it carries.</summary>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>failed</c>.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next; null once it ended.</param>
/// <param name="RedeliveryOf">For a redelivery: the id of the delivery it repeats (same event, same payload).</param>
/// <param name="RedeliveredBy">For a redelivery: who asked for it.</param>
internal sealed record WebhookDeliveryModel(
    long Id,
    string EventId,
    string Action,
    string Repository,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    JsonElement Event,
    long? RedeliveryOf,
    string? RedeliveredBy)
{
    public static WebhookDeliveryModel From(WebhookDelivery d)
    {
        using JsonDocument payload = JsonDocument.Parse(d.Payload);
        return new WebhookDeliveryModel(d.Id, d.EventId, d.Action, d.Repository, StatusName(d.Status), d.Attempts, d.LastStatusCode, d.LastError,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.CreatedAt, d.DeliveredAt, payload.RootElement.Clone(), d.RedeliveryOf, d.RedeliveredBy);
    }

    public static string StatusName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Delivered => "delivered",
        _ => "failed",
    };
}
