namespace Registry.Core.Packages.Nuget;

/// <summary>
/// Where a NuGet repository keeps its files (<see cref="PackageLayout"/>): a version folder
/// <c>{id}/{version}/</c> (both lower case, the version normalized) holding <c>{id}.{version}.nupkg</c> and the
/// package's <c>{id}.nuspec</c>; a remote's cached index pages under <c>.meta/</c>: the upstream's service index and
/// each package's version list.
/// </summary>
public static class NugetLayout
{
    /// <summary>The upstream's service index, as a remote cached it.</summary>
    public const string ServiceIndexPath = PackageLayout.MetadataFolder + "/index.json";

    public static string VersionFolder(string lowerId, string lowerVersion) => $"{lowerId}/{lowerVersion}";

    public static string PackagePath(string lowerId, string lowerVersion) => $"{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.nupkg";

    public static string NuspecPath(string lowerId, string lowerVersion) => $"{lowerId}/{lowerVersion}/{lowerId}.nuspec";

    /// <summary>A package's version list (the flat container's <c>{id}/index.json</c>), as a remote cached it.</summary>
    public static string VersionListPath(string lowerId) => $"{PackageLayout.MetadataFolder}/{lowerId}/index.json";

    /// <summary>The version of a stored file's folder when it is a <c>.nuspec</c> at <c>{id}/{version}/{id}.nuspec</c>.</summary>
    public static NugetVersion? NuspecVersion(string lowerId, string path) => FileVersion(lowerId, path, nupkg: false);

    /// <summary>
    /// The version of a stored file's folder when it is the package's <c>.nuspec</c> or its <c>.nupkg</c>
    /// (<c>{id}/{version}/{id}.{version}.nupkg</c>): a remote caches a package's nupkg before (or without) its nuspec.
    /// </summary>
    public static NugetVersion? PackageFileVersion(string lowerId, string path) => FileVersion(lowerId, path, nupkg: true);

    private static NugetVersion? FileVersion(string lowerId, string path, bool nupkg)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] segments = path.Split('/');
        return segments.Length == 3 && segments[0] == lowerId
            && NugetVersion.TryParse(segments[1], out NugetVersion? version) && version.Lower == segments[1]
            && (segments[2] == lowerId + ".nuspec" || (nupkg && segments[2] == $"{lowerId}.{segments[1]}.nupkg"))
            ? version : null;
    }
}
