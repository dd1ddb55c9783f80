using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>
/// The repositories a name would be pulled from through a registry mirror (a docker remote with <c>mirror</c> set):
/// dockerd and containerd ask a mirror for <c>library/alpine</c>, which is served from <c>&lt;key&gt;/library/alpine</c>
/// and authorized there. Implemented by the distribution API, which knows the remotes.
/// </summary>
internal interface IMirrorAccess
{
    /// <summary>
    /// <c>&lt;key&gt;/&lt;name&gt;</c> for every mirror remote that would answer <paramref name="requested"/>; empty when the
    /// name is a local repository, starts with a repository key, or there are no mirrors.
    /// </summary>
    ValueTask<IReadOnlyList<RepositoryName>> MirroredNamesAsync(RepositoryName requested, CancellationToken ct);

    /// <summary>
    /// Where a push of <paramref name="requested"/> goes when it names a docker virtual repository with a
    /// <c>defaultDeploymentRepo</c> (<c>&lt;deployment&gt;/&lt;name&gt;</c>); null otherwise.
    /// </summary>
    ValueTask<RepositoryName?> DeploymentOfAsync(RepositoryName requested, CancellationToken ct);
}
