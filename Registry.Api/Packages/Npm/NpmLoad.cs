using Registry.Api.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// A package as one repository knows it (<see cref="NpmPackageReader"/>), with the <c>Warning</c> to send when a
/// remote served it stale, or why it has none (not there, or the upstream failed).
/// </summary>
internal sealed record NpmLoad(NpmPackage? Package, string? Warning, RemoteFetch? Failure)
{
    public static NpmLoad Found(NpmPackage package, string? warning = null) => new(package, warning, null);

    public static NpmLoad Missing(RemoteFetch why) => new(null, null, why);

    public MemberFile AsMember() => new(null, Warning, Failure);
}
