namespace Registry.Api.Events;

/// <summary>How one POST to a receiver ended: delivered (2xx), or the status and a short reason it was not.</summary>
internal sealed record WebhookSendResult(bool Delivered, int? StatusCode, string? Error);
