namespace Registry.Api.Management.Models;

/// <summary><c>POST /api/v1/protection-rules</c>: exactly one of <c>namespace</c> and <c>repository</c>, a pattern, and a kind.</summary>
internal sealed record CreateProtectionRuleRequest(string? Namespace, string? Repository, string? Pattern, string? Kind);
