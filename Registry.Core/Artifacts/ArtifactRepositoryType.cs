namespace Registry.Core.Artifacts;

/// <summary>Artifactory's <c>packageType</c>: how a repository lays out and guards its content.</summary>
public enum ArtifactRepositoryType
{
    /// <summary>Any path; every file may be overwritten by a deployer.</summary>
    Generic = 0,

    /// <summary>The Maven 2 layout: release files are immutable unless the repository allows redeploy.</summary>
    Maven = 1,

    /// <summary>
    /// OCI images under <c>/v2/&lt;key&gt;/...</c>: a local one is the namespace pushes go to, a remote one caches an
    /// upstream registry, a virtual one pulls from its members in order.
    /// </summary>
    Docker = 2,

    /// <summary>npm packages through <c>/artifactory/api/npm/&lt;key&gt;/</c> (docs/packages.md).</summary>
    Npm = 3,

    /// <summary>Python distributions (wheels, sdists) through <c>/artifactory/api/pypi/&lt;key&gt;/</c> (docs/packages.md).</summary>
    Pypi = 4,

    /// <summary>NuGet packages through <c>/artifactory/api/nuget/v3/&lt;key&gt;/</c> (docs/packages.md).</summary>
    Nuget = 5,
}
