namespace Registry.Api.Management.Models;

/// <summary><c>POST /api/v1/tokens</c>: a name, the namespaces (or <c>*</c>) and actions, and an expiry (absolute or in days).</summary>
internal sealed record CreateCiTokenRequest(string? Name, IReadOnlyList<string>? Namespaces, IReadOnlyList<string>? Actions, DateTimeOffset? ExpiresAt, int? ExpiresInDays);
