namespace Registry.Api.Management.Models;

/// <summary>A page of a webhook's deliveries, newest first; <c>next</c> is the <c>before</c> cursor for the following page.</summary>
internal sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryModel> Deliveries, long? Next);
