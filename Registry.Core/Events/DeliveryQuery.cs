namespace Registry.Core.Events;

/// <summary>A page of one webhook's deliveries, newest first, after the cursor <paramref name="BeforeId"/>.</summary>
public sealed record DeliveryQuery(string WebhookId, DeliveryStatus? Status = null, long? BeforeId = null, int Limit = 50);
