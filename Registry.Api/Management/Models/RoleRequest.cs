namespace Registry.Api.Management.Models;

/// <summary><c>PUT /api/v1/users/{name}/roles</c>: grant <c>role</c> on a scope.</summary>
internal sealed record RoleRequest(string? Kind, string? Scope, string? Role);
