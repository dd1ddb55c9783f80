namespace Registry.Core.Events;

/// <summary>
/// A page of one webhook's deliveries, newest first: those older than <paramref name="BeforeId"/>, or else the oldest
/// ones newer than <paramref name="AfterId"/> (the page before, when paging back towards the newest).
/// </summary>
public sealed record DeliveryQuery(string WebhookId, DeliveryStatus? Status = null, long? BeforeId = null, int Limit = 50, long? AfterId = null);
