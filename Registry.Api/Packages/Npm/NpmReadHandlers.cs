using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// What <c>npm install</c>, <c>npm view</c> and <c>npm dist-tag ls</c> read: the packument (abbreviated when the client
/// asks for <see cref="NpmPackument.AbbreviatedMediaType"/>), one version's manifest, the dist-tags, and tarballs (with
/// the generic download's checksum headers, ETag and ranges). Tarball URLs point at the repository asked.
/// </summary>
internal static class NpmReadHandlers
{
    public static async Task<IResult> PackumentAsync(HttpContext context, ArtifactRepository repository, NpmPackageName name, ArtifactServices services)
    {
        NpmLoad loaded = await NpmPackageReader.LoadAsync(services, repository, name, context.RequestAborted);
        if (loaded.Package is null)
        {
            return NpmResults.Missing(loaded.AsMember(), $"package '{name}' does not exist in '{repository.Key}'");
        }

        AddWarning(context, loaded.Warning);
        bool abbreviated = context.Request.Headers.Accept.ToString().StartsWith(NpmPackument.AbbreviatedMediaType, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Query.ContainsKey("write");
        JsonObject document = NpmPackument.Render(loaded.Package, TarballBase(context, repository), abbreviated);
        return Results.Text(document.ToJsonString(), abbreviated ? NpmPackument.AbbreviatedMediaType : "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary><c>GET /{name}/{version-or-tag}</c>: the version's manifest as the packument shows it.</summary>
    public static async Task<IResult> VersionAsync(HttpContext context, ArtifactRepository repository, NpmPackageName name, string versionOrTag, ArtifactServices services)
    {
        NpmLoad loaded = await NpmPackageReader.LoadAsync(services, repository, name, context.RequestAborted);
        if (loaded.Package is null)
        {
            return NpmResults.Missing(loaded.AsMember(), $"package '{name}' does not exist in '{repository.Key}'");
        }

        JsonObject document = NpmPackument.Render(loaded.Package, TarballBase(context, repository), abbreviated: false);
        string version = document["dist-tags"]?[versionOrTag]?.GetValue<string>() ?? versionOrTag;
        if (document["versions"]?[version] is not JsonObject manifest)
        {
            return NpmResults.NotFound($"'{name}@{versionOrTag}' does not exist in '{repository.Key}'");
        }

        AddWarning(context, loaded.Warning);
        return Results.Text(manifest.ToJsonString(), "application/json", System.Text.Encoding.UTF8);
    }

    public static async Task<IResult> DistTagsAsync(HttpContext context, ArtifactRepository repository, NpmPackageName name, ArtifactServices services)
    {
        NpmLoad loaded = await NpmPackageReader.LoadAsync(services, repository, name, context.RequestAborted);
        if (loaded.Package is null)
        {
            return NpmResults.Missing(loaded.AsMember(), $"package '{name}' does not exist in '{repository.Key}'");
        }

        AddWarning(context, loaded.Warning);
        JsonObject document = NpmPackument.Render(loaded.Package, TarballBase(context, repository), abbreviated: true);
        return Results.Text(document["dist-tags"]!.ToJsonString(), "application/json", System.Text.Encoding.UTF8);
    }

    public static async Task<IResult> TarballAsync(HttpContext context, ArtifactRepository repository, NpmPackageName name, string file, ArtifactServices services)
    {
        if (NpmPaths.VersionOfTarball(name, file) is not { } version)
        {
            return NpmResults.NotFound($"'{file}' is not a tarball of '{name}' ({name.Basename}-{{version}}.tgz)");
        }

        MemberFile found = await NpmTarballs.FindAsync(services, repository, name, version, context.RequestAborted);
        if (found.File is null)
        {
            return NpmResults.Missing(found, $"'{name}@{version}' does not exist in '{repository.Key}'");
        }

        RemoteDownload.AddWarning(context, found);
        return await DownloadHandler.ServeAsync(context, found.File, services);
    }

    /// <summary>The repository's npm URL, <c>{base}/api/npm/{key}/</c>, under which the client fetches tarballs.</summary>
    public static string TarballBase(HttpContext context, ArtifactRepository repository)
        => $"{ArtifactServices.BaseUri(context)}/api/npm/{repository.Key}/";

    private static void AddWarning(HttpContext context, string? warning)
    {
        if (warning is not null)
        {
            context.Response.Headers.Warning = warning;
        }
    }
}
