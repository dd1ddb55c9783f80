using System.IO.Pipelines;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// <c>PUT /artifactory/api/nuget/v3/{key}</c> (<c>dotnet nuget push</c>): the <c>.nupkg</c> of the multipart form is
/// spooled to a temporary file (<see cref="NugetPushSpools"/>) and checked there (<see cref="NupkgReader"/>, then the
/// duplicate version), so a refused package never reaches the blob store; only a good one is streamed into it and
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

        (NugetSpooledPackage? spooled, IResult? notSpooled) = await SpoolAsync(context, section, ct);
        if (spooled is null)
        {
            return notSpooled!;
        }

        await using (spooled)
        {
            return await PublishAsync(context, repository, spooled, services, ct);
        }
    }

    /// <summary>Checks the spooled package; a good one goes to the blob store and is recorded with its nuspec.</summary>
    private static async Task<IResult> PublishAsync(HttpContext context, ArtifactRepository repository, NugetSpooledPackage spooled, ArtifactServices services, CancellationToken ct)
    {
        NupkgContents package = await NupkgReader.ReadAsync(spooled.Rewound(), ct);
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

        // Checked: only now do the bytes go to the blob store (the same bytes: the spool's checksums must match).
        ArtifactChecksums expected = spooled.Checksums;
        (ArtifactChecksums? content, IResult? notStored) = await ArtifactContent.StoreAsync(
            PipeReader.Create(spooled.Rewound(), new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true)), services,
            stored => stored.Digest == expected.Digest ? null : $"the spooled package changed while it was stored ({expected.Digest}, then {stored.Digest})", ct);
        if (content is null)
        {
            return notStored!;
        }

        Actor actor = context.GetActor();
        ArtifactProperty[] properties = [new("nuget.id", nuspec.Id), new("nuget.version", nuspec.Version.Normalized)];
        ArtifactDeployResult published = await services.Artifacts.PublishPackageFileAsync(actor, repository, packagePath, content, PackageMimeType, properties, ct);
        if (!published.Succeeded)
        {
            return published.Status == ArtifactPutStatus.Exists ? Exists(context, repository, nuspec) : Refused(context, published);
        }

        (ArtifactChecksums? nuspecContent, IResult? nuspecNotStored) = await ArtifactContent.StoreAsync(
            PipeReader.Create(new MemoryStream(package.NuspecBytes!, writable: false)), services, null, ct);
        ArtifactDeployResult? described = nuspecContent is null ? null : await services.Artifacts.PublishPackageFileAsync(
            actor, repository, NugetLayout.NuspecPath(lowerId, lowerVersion), nuspecContent, NuspecMimeType, properties, ct);
        if (described is { Succeeded: true } or { Status: ArtifactPutStatus.Exists })
        {
            return Results.Created(NugetUrls.For(context, repository.Key).PackageContent(lowerId, lowerVersion), null);
        }

        // Without its nuspec the version is invisible to the feed, and its package would block the next attempt.
        await services.Artifacts.DeleteAsync(actor, repository.Key, packagePath, CancellationToken.None);
        return described is null ? nuspecNotStored! : Refused(context, described);
    }

    /// <summary>
    /// The package part spooled to a temporary file (<see cref="NugetPushSpools"/>), or the answer when the part
    /// cannot be read (400) or is larger than <see cref="NupkgReader.MaxPackageBytes"/> (413).
    /// </summary>
    private static async ValueTask<(NugetSpooledPackage? Package, IResult? Failure)> SpoolAsync(HttpContext context, MultipartSection section, CancellationToken ct)
    {
        try
        {
            NugetSpooledPackage? spooled = await context.RequestServices.GetRequiredService<NugetPushSpools>().SpoolAsync(section.Body, ct);
            return spooled is not null ? (spooled, null) : (null, NugetResults.Error(context, StatusCodes.Status413PayloadTooLarge,
                $"the package is larger than {NupkgReader.MaxPackageBytes / (1 << 20)} MiB, the most a push takes"));
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            return (null, NugetResults.BadRequest(context, $"the package part of the multipart body cannot be read: {e.Message}"));
        }
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
