namespace Registry.Core.Artifacts;

/// <summary>
/// The members of a virtual repository, resolved in this order (locals first is the convention, not a rule), and
/// the local member deploys and pushes go to.
/// </summary>
/// <param name="Repositories">Keys of local and remote repositories of the virtual repository's package type.</param>
/// <param name="DefaultDeploymentRepo">A local member's key, or null when the virtual repository takes no deploys.</param>
public sealed record VirtualMembers(IReadOnlyList<string> Repositories, string? DefaultDeploymentRepo);
