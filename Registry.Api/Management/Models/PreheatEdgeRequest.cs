namespace Registry.Api.Management.Models;

/// <summary>An edge to create or change: <c>password</c> is write-only (omitted keeps it, empty removes it).</summary>
internal sealed record PreheatEdgeRequest(string? Name, string? Url, string? RemoteKey, string? Username, string? Password);
