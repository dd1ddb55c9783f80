namespace Registry.Api.Management.Models;

internal sealed record UpdateUserRequest(bool? Disabled);
