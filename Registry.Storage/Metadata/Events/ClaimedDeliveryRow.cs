using Registry.Core.Events;

namespace Registry.Storage.Metadata.Events;

/// <summary>A claimed delivery with its event's payload and its webhook's address, as Dapper fills it in either store.</summary>
internal sealed class ClaimedDeliveryRow
{
    public long Id { get; set; }

    public string WebhookId { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public string Payload { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    public string Headers { get; set; } = "{}";

    public ClaimedDelivery ToRecord() => new(Id, WebhookId, EventId, Attempts, Payload, Url, Secret, EventsJson.Headers(Headers));
}
