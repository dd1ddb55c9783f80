using Registry.Core.Artifacts;

namespace Registry.Core.Packages;

/// <summary>
/// How npm, PyPI and NuGet repositories keep their packages as artifact files, so that every rule of artifact
/// repositories (roles per key, audit, webhooks, retention, garbage collection, remote caching) applies to them too:
/// <list type="bullet">
/// <item>one version folder per package version, <c>{package}/{version}/</c> (npm scoped names keep their scope
/// folder: <c>@scope/name/{version}/</c>), holding the package file and what its index needs;</item>
/// <item>package metadata that changes (npm dist-tags, a remote's cached index pages) under <see cref="MetadataFolder"/>:
/// never a version, always replaceable, expiring from a remote's cache after its retrieval period.</item>
/// </list>
/// Files are published only through the format's own API (<c>/artifactory/api/npm|pypi|nuget/...</c>), which checks
/// them; a plain <c>PUT /artifactory/{key}/{path}</c> is refused.
/// </summary>
public static class PackageLayout
{
    /// <summary>The folder of changing metadata: <c>.meta</c> (no npm, PyPI or NuGet name starts with a dot).</summary>
    public const string MetadataFolder = ".meta";

    /// <summary>Whether the type is npm, pypi or nuget.</summary>
    public static bool IsPackageType(ArtifactRepositoryType type)
        => type is ArtifactRepositoryType.Npm or ArtifactRepositoryType.Pypi or ArtifactRepositoryType.Nuget;

    /// <summary>Whether the path lies under <see cref="MetadataFolder"/>.</summary>
    public static bool IsMetadata(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith(MetadataFolder + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the folder is a version folder: <c>{package}/{version}</c>, or <c>@scope/{package}/{version}</c> in
    /// an npm repository; never under <see cref="MetadataFolder"/>.
    /// </summary>
    public static bool IsVersionFolder(ArtifactRepositoryType type, string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.StartsWith(MetadataFolder + "/", StringComparison.Ordinal) || folder == MetadataFolder)
        {
            return false;
        }

        int depth = folder.Count(c => c == '/') + 1;
        return type == ArtifactRepositoryType.Npm && folder.StartsWith('@') ? depth == 3 : depth == 2;
    }

    /// <summary>The API path prefix of the type's client protocol: <c>api/npm</c>, <c>api/pypi</c> or <c>api/nuget/v3</c>.</summary>
    public static string ApiPath(ArtifactRepositoryType type, string key) => type switch
    {
        ArtifactRepositoryType.Npm => $"api/npm/{key}/",
        ArtifactRepositoryType.Pypi => $"api/pypi/{key}/simple/",
        ArtifactRepositoryType.Nuget => $"api/nuget/v3/{key}/index.json",
        _ => key + "/",
    };
}
