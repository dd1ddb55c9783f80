using Registry.Api.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// The versions of a package a repository has (ascending), the <c>Warning</c> to send when some came from a stale
/// cache, and the upstream failure when a remote could not say (no versions known then).
/// </summary>
internal sealed record NugetVersions(IReadOnlyList<NugetVersion> Versions, string? Warning, RemoteFetch? Failure)
{
    public static NugetVersions None { get; } = new([], null, null);

    /// <summary>Whether an upstream failed and nothing is known: 502, not 404.</summary>
    public bool Unreachable => Versions.Count == 0 && Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused;
}
