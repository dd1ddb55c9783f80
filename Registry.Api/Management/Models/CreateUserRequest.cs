namespace Registry.Api.Management.Models;

internal sealed record CreateUserRequest(string? Name, string? Password);
