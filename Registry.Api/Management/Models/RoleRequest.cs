namespace Registry.Api.Management.Models;

/// <summary>
/// <c>PUT /api/v1/users/{name}/roles</c>: grant <c>role</c> on the scope <c>kind</c> + <c>name</c>, as in every other
/// API. <c>scope</c> is the deprecated spelling of <c>name</c>, still accepted.
/// </summary>
internal sealed record RoleRequest(string? Kind, string? Name, string? Scope, string? Role);
