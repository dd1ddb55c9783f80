using System.IO.Pipelines;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// <c>PUT /artifactory/api/nuget/v3/{key}</c> (<c>dotnet nuget push</c>): the <c>.nupkg</c> of the multipart form is
/// streamed into the blob store, then read back from there and checked (<see cref="NupkgReader"/>); a good package is
/// recorded as <c>{id}/{version}/{id}.{version}.nupkg</c> with its <c>{id}.nuspec</c> beside it. An existing version
/// is refused with 409 (what <c>--skip-duplicate</c> skips) unless the repository allows redeploy. Through a virtual
/// repository the push goes to its default deployment repository, whose developer role it needs.
/// </summary>
internal static class NugetPushHandler
{
    private const string PackageMimeType = "application/octet-stream";
    private const string NuspecMimeType = "application/xml";

    public static async Task<IResult> PutAsync(HttpContext context, string key, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        ArtifactRepository? addressed = await services.Store.GetArtifactRepositoryAsync(key, ct);
        if (addressed is { Type: ArtifactRepositoryType.Nuget, Class: RepositoryClass.Virtual, Virtual.DefaultDeploymentRepo: { } deployTo }
            && await services.Store.GetArtifactRepositoryAsync(deployTo, ct) is { Class: RepositoryClass.Local })
        {
            return await PutAsync(context, deployTo, services);
        }

        AccessAction needed = addressed is { Class: not RepositoryClass.Local } ? AccessAction.Pull : AccessAction.Push;
        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, key, ArtifactRepositoryType.Nuget, needed, services);
        if (repository is null)
        {
            return failure!;
        }

        if (repository.Class != RepositoryClass.Local)
        {
            return NugetResults.Error(context, StatusCodes.Status405MethodNotAllowed, repository.Class == RepositoryClass.Remote
                ? $"'{key}' is a remote repository: it takes only what it fetches from its upstream"
                : $"'{key}' is a virtual repository without a local defaultDeploymentRepo: push to one of its local members");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return NugetResults.BadRequest(context, "push the package as multipart/form-data (as dotnet nuget push does)");
        }

        var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = null };
        MultipartSection? section;
        try
        {
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null
                && !(ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition) && disposition.IsFileDisposition()))
            {
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            return NugetResults.BadRequest(context, $"the multipart body cannot be read: {e.Message}");
        }

        if (section is null)
        {
            return NugetResults.BadRequest(context, "the form holds no package file");
        }

        ArtifactChecksums? content;
        IResult? notStored;
        try
        {
            (content, notStored) = await ArtifactContent.StoreAsync(PipeReader.Create(section.Body), services, null, ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            return NugetResults.BadRequest(context, $"the package part of the multipart body cannot be read: {e.Message}");
        }

        if (content is null)
        {
            return notStored!;
        }

        NupkgContents package = await InspectAsync(services, content, ct);
        if (package.Nuspec is not { } nuspec)
        {
            return NugetResults.BadRequest(context, $"the package is refused: {package.Error}");
        }

        string lowerId = nuspec.LowerId, lowerVersion = nuspec.Version.Lower;
        string packagePath = NugetLayout.PackagePath(lowerId, lowerVersion);
        if (!repository.AllowRedeploy && await services.Store.GetFileAsync(repository.Key, packagePath, ct) is not null)
        {
            return Exists(context, repository, nuspec);
        }

        (ArtifactChecksums? nuspecContent, IResult? nuspecNotStored) = await ArtifactContent.StoreAsync(
            PipeReader.Create(new MemoryStream(package.NuspecBytes!, writable: false)), services, null, ct);
        if (nuspecContent is null)
        {
            return nuspecNotStored!;
        }

        ArtifactProperty[] properties = [new("nuget.id", nuspec.Id), new("nuget.version", nuspec.Version.Normalized)];
        ArtifactDeployResult published = await services.Artifacts.PublishPackageFileAsync(context.GetActor(), repository, packagePath, content, PackageMimeType, properties, ct);
        if (!published.Succeeded)
        {
            return published.Status == ArtifactPutStatus.Exists ? Exists(context, repository, nuspec) : Refused(context, published);
        }

        ArtifactDeployResult described = await services.Artifacts.PublishPackageFileAsync(
            context.GetActor(), repository, NugetLayout.NuspecPath(lowerId, lowerVersion), nuspecContent, NuspecMimeType, properties, ct);
        return described.Succeeded || described.Status == ArtifactPutStatus.Exists
            ? Results.Created(NugetUrls.For(context, repository.Key).PackageContent(lowerId, lowerVersion), null)
            : Refused(context, described);
    }

    /// <summary>Reads the stored package back (into a temporary file when the blob store's stream cannot seek) and checks it.</summary>
    private static async Task<NupkgContents> InspectAsync(ArtifactServices services, ArtifactChecksums content, CancellationToken ct)
    {
        await using Stream? stored = await services.Blobs.OpenReadAsync(content.Digest, ct)
            ?? throw new InvalidOperationException($"the package {content.Digest} was stored but cannot be read back");
        if (stored.CanSeek)
        {
            return await NupkgReader.ReadAsync(stored, ct);
        }

        string temporary = Path.GetTempFileName();
        await using var copy = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stored.CopyToAsync(copy, ct);
        copy.Position = 0;
        return await NupkgReader.ReadAsync(copy, ct);
    }

    private static IResult Exists(HttpContext context, ArtifactRepository repository, Nuspec nuspec)
        => NugetResults.Error(context, StatusCodes.Status409Conflict,
            $"package '{nuspec.Id} {nuspec.Version.Normalized}' already exists in '{repository.Key}'; versions cannot be overwritten unless the repository allows redeploy");

    private static IResult Refused(HttpContext context, ArtifactDeployResult result) => result.Status switch
    {
        ArtifactPutStatus.ContentDeleting => NugetResults.Error(context, StatusCodes.Status429TooManyRequests, result.Message ?? "retry shortly"),
        ArtifactPutStatus.NotDeployable => NugetResults.Error(context, StatusCodes.Status405MethodNotAllowed, result.Message ?? "not deployable"),
        ArtifactPutStatus.RepositoryUnknown => NugetResults.NotFound(context, result.Message ?? "repository unknown"),
        _ => NugetResults.Error(context, StatusCodes.Status409Conflict, result.Message ?? result.Status.ToString()),
    };
}
