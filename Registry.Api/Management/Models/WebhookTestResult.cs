namespace Registry.Api.Management.Models;

/// <summary>What a test delivery (a <c>ping</c> event sent at once, not queued) got back from the receiver.</summary>
internal sealed record WebhookTestResult(string EventId, bool Delivered, int? StatusCode, string? Error);
