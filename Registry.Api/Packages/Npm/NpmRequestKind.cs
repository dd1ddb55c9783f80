namespace Registry.Api.Packages.Npm;

/// <summary>What an npm client request under <c>/artifactory/api/npm/{key}/</c> asks for (<see cref="NpmRequestPath"/>).</summary>
internal enum NpmRequestKind
{
    Ping,
    WhoAmI,
    DistTags,
    DistTag,
    Packument,
    PackumentRevision,
    Version,
    Tarball,
    TarballRevision,
}
