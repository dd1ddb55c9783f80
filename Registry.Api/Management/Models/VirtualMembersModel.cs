namespace Registry.Api.Management.Models;

/// <summary>A virtual repository's members in resolution order, and the local member deploys go to (an empty string removes it).</summary>
internal sealed record VirtualMembersModel(IReadOnlyList<string>? Repositories, string? DefaultDeploymentRepo);
