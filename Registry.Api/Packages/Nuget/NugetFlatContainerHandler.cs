using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// The flat container (<c>PackageBaseAddress/3.0.0</c>), what <c>dotnet restore</c> reads: <c>{id}/index.json</c>
/// (the versions, lower case) and <c>{id}/{version}/{id}.{version}.nupkg</c> / <c>{id}/{version}/{id}.nuspec</c>,
/// with the stored file's checksum headers. Ids and versions are matched in lower case, as clients send them.
/// </summary>
internal static class NugetFlatContainerHandler
{
    public static async Task<IResult> VersionsAsync(HttpContext context, ArtifactRepository repository, string id, NugetFeed feed)
    {
        if (!NugetPackageId.IsValid(id))
        {
            return NugetResults.NotFound(context, $"'{id}' is not a valid package id");
        }

        string lowerId = id.ToLowerInvariant();
        NugetVersions found = await feed.VersionsAsync(repository, lowerId, context.RequestAborted);
        AddWarning(context, found.Warning);
        if (found.Versions.Count == 0)
        {
            return found.Unreachable
                ? NugetResults.Error(context, StatusCodes.Status502BadGateway, found.Failure!.Message!)
                : NugetResults.NotFound(context, $"package '{id}' is not in '{repository.Key}'");
        }

        var versions = new JsonArray();
        foreach (NugetVersion version in found.Versions)
        {
            versions.Add(version.Lower);
        }

        return Results.Text(new JsonObject { ["versions"] = versions }.ToJsonString(), "application/json");
    }

    public static async Task<IResult> FileAsync(HttpContext context, ArtifactRepository repository, string id, string versionText, string name, NugetFeed feed)
    {
        if (!NugetPackageId.IsValid(id) || !NugetVersion.TryParse(versionText, out NugetVersion? version))
        {
            return NugetResults.NotFound(context, $"'{id}/{versionText}' is not a package id and version");
        }

        string lowerId = id.ToLowerInvariant();
        string lowerVersion = version.Lower;
        string path = name.ToLowerInvariant() == $"{lowerId}.{lowerVersion}.nupkg" ? NugetLayout.PackagePath(lowerId, lowerVersion)
            : name.ToLowerInvariant() == lowerId + ".nuspec" ? NugetLayout.NuspecPath(lowerId, lowerVersion)
            : string.Empty;
        if (path.Length == 0)
        {
            return NugetResults.NotFound(context, $"'{name}' is not a file of the flat container (it has {lowerId}.{lowerVersion}.nupkg and {lowerId}.nuspec)");
        }

        MemberFile found = await feed.FileAsync(repository, path, context.RequestAborted);
        if (found.File is null)
        {
            return found.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused
                ? NugetResults.Error(context, StatusCodes.Status502BadGateway, found.Failure.Message!)
                : NugetResults.NotFound(context, $"'{id} {versionText}' is not in '{repository.Key}'");
        }

        RemoteDownload.AddWarning(context, found);
        return await DownloadHandler.ServeAsync(context, found.File, feed.Services);
    }

    public static void AddWarning(HttpContext context, string? warning)
    {
        if (warning is not null)
        {
            context.Response.Headers.Warning = warning;
        }
    }
}
