namespace Registry.Core.Packages.Npm;

/// <summary>
/// Where an npm repository keeps a package (<see cref="PackageLayout"/>): per version <c>{name}/{version}/package.json</c>
/// (the version manifest as published) and <c>{name}/{version}/{basename}-{version}.tgz</c>; the dist-tags in
/// <c>.meta/npm/{name}/dist-tags.json</c>; a remote's cached copy of its upstream's packument in
/// <c>.meta/npm/{name}/packument.json</c>.
/// </summary>
public static class NpmPaths
{
    public const string ManifestName = "package.json";

    /// <summary>The property on a version's <c>package.json</c> that holds its deprecation message.</summary>
    public const string DeprecatedProperty = "npm.deprecated";

    public static string VersionFolder(NpmPackageName name, string version) => $"{name.Folder}/{version}";

    public static string ManifestPath(NpmPackageName name, string version) => $"{VersionFolder(name, version)}/{ManifestName}";

    /// <summary><c>{basename}-{version}.tgz</c>, as npm names tarballs.</summary>
    public static string TarballName(NpmPackageName name, string version) => $"{name.Basename}-{version}.tgz";

    public static string TarballPath(NpmPackageName name, string version) => $"{VersionFolder(name, version)}/{TarballName(name, version)}";

    public static string MetadataFolder(NpmPackageName name) => $"{PackageLayout.MetadataFolder}/npm/{name.Folder}";

    public static string DistTagsPath(NpmPackageName name) => $"{MetadataFolder(name)}/dist-tags.json";

    public static string RemotePackumentPath(NpmPackageName name) => $"{MetadataFolder(name)}/packument.json";

    /// <summary>The version a tarball file name (<c>{basename}-{version}.tgz</c>) stands for, or null when it is not one of the package's.</summary>
    public static string? VersionOfTarball(NpmPackageName name, string file)
    {
        string prefix = name.Basename + "-";
        if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".tgz", StringComparison.Ordinal))
        {
            return null;
        }

        string version = file[prefix.Length..^".tgz".Length];
        return NpmVersion.IsValid(version) ? version : null;
    }

    /// <summary>The version of a file under the package's folder (<c>{version}/package.json</c> relative to it), or null.</summary>
    public static string? VersionOfManifest(NpmPackageName name, string path)
    {
        string prefix = name.Folder + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith("/" + ManifestName, StringComparison.Ordinal))
        {
            return null;
        }

        string version = path[prefix.Length..^(ManifestName.Length + 1)];
        return version.Contains('/', StringComparison.Ordinal) || !NpmVersion.IsValid(version) ? null : version;
    }
}
