using Microsoft.Net.Http.Headers;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// <c>GET</c>/<c>HEAD /artifactory/{repo}/{path}</c> with <c>X-Checksum-*</c>, <c>ETag</c> (the SHA-1, as
/// Artifactory), <c>Last-Modified</c>, conditional requests and byte ranges; a checksum companion
/// (<c>x.jar.sha1</c>) that was not stored as a file is answered from the recorded checksums.
/// <c>DELETE</c> removes a file or a folder with everything in it (in a remote repository: from its cache, so the next
/// request fetches it again; refused on a virtual one). Remote and virtual repositories answer GET through
/// <see cref="RemoteDownload"/> and <see cref="VirtualDownload"/>.
/// </summary>
internal static class DownloadHandler
{
    public static async Task<IResult> GetAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        (ArtifactPath? path, ArtifactRepository? repository, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, AccessAction.Pull);
        if (path is null || repository is null)
        {
            return failure!;
        }

        switch (repository.Class)
        {
            case RepositoryClass.Remote:
                return await RemoteDownload.GetAsync(context, path, repository, services);
            case RepositoryClass.Virtual:
                return await VirtualDownload.GetAsync(context, path, repository, services);
        }

        ArtifactFile? file = path.IsRoot ? null : await services.Store.GetFileAsync(route.Key, path.Value, ct);
        if (file is null)
        {
            if (ChecksumCompanion.TryParse(path.Value, out ChecksumCompanion companion)
                && await services.Store.GetFileAsync(route.Key, companion.TargetPath, ct) is { } target)
            {
                return Results.Text(target.Content.Get(companion.Kind), "text/plain");
            }

            return path.IsRoot || await services.Store.FolderExistsAsync(route.Key, path.Value, ct)
                ? ArtifactResults.BadRequest($"'{route.Key}/{path.Value}' is a folder; list it with GET {ArtifactServices.StorageUri(context, route.Key, path.Value)}")
                : ArtifactResults.NotFound($"'{route.Key}/{path.Value}' does not exist");
        }

        return await ServeAsync(context, file, services);
    }

    /// <summary>The file's bytes with its checksum headers, ETag and ranges (the web console's download uses it too).</summary>
    public static async ValueTask<IResult> ServeAsync(HttpContext context, ArtifactFile file, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        IHeaderDictionary headers = context.Response.Headers;
        headers["X-Checksum-Sha1"] = file.Content.Sha1;
        headers["X-Checksum-Sha256"] = file.Content.Sha256;
        headers["X-Checksum-Md5"] = file.Content.Md5;
        headers["X-Artifactory-Filename"] = Uri.EscapeDataString(file.Name);
        var etag = new EntityTagHeaderValue($"\"{file.Content.Sha1}\"");
        string contentType = file.MimeType ?? ArtifactMimeTypes.Default;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            headers.AcceptRanges = "bytes";
            headers.ETag = etag.ToString();
            headers.LastModified = file.ModifiedAt.ToString("R");
            context.Response.ContentType = contentType;
            context.Response.ContentLength = file.Content.Size;
            return Results.Empty;
        }

        if (services.LocalFiles is { } files)
        {
            string? local = files.GetFilePath(file.Content.Digest);
            if (local is null)
            {
                return MissingBytes(services, file);
            }

            Oci.LargeBlockSendFileFeature.Install(context);
            return Results.File(local, contentType, lastModified: file.ModifiedAt, entityTag: etag, enableRangeProcessing: true);
        }

        if (services.NodeCache is { } cache && await cache.OpenCachedAsync(file.Content.Digest, file.Content.Size, ct) is { } cached)
        {
            Oci.LargeBlockSendFileFeature.Install(context);
            return cached.FilePath is { } copy
                ? Results.File(copy, contentType, lastModified: file.ModifiedAt, entityTag: etag, enableRangeProcessing: true)
                : new Oci.CachedCopyResult(cached.Stream!, contentType, response =>
                {
                    response.Headers.ETag = etag.ToString();
                    response.Headers.LastModified = file.ModifiedAt.ToString("R");
                });
        }

        Stream? stream = await services.Blobs.OpenReadAsync(file.Content.Digest, ct);
        return stream is null
            ? MissingBytes(services, file)
            : Results.Stream(stream, contentType, lastModified: file.ModifiedAt, entityTag: etag, enableRangeProcessing: stream.CanSeek);
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        (ArtifactPath? path, ArtifactRepository? repository, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, AccessAction.Delete);
        if (path is null || repository is null)
        {
            return failure!;
        }

        if (repository.Class == RepositoryClass.Virtual)
        {
            return ArtifactResults.NotAllowed($"'{route.Key}' is a virtual repository: delete the file in the member repository that holds it ({string.Join(", ", repository.Virtual?.Repositories ?? [])})");
        }

        if (path.IsRoot)
        {
            return ArtifactResults.BadRequest("Invalid path: deleting a whole repository goes through DELETE /api/v1/artifact-repositories/{key}");
        }

        ArtifactDeletion removed = await services.Artifacts.DeleteAsync(context.GetActor(), route.Key, path.Value, context.RequestAborted);
        return removed.Files == 0
            ? ArtifactResults.NotFound($"'{route.Key}/{path.Value}' does not exist")
            : Results.NoContent();
    }

    private static IResult MissingBytes(ArtifactServices services, ArtifactFile file)
    {
        ArtifactLog.BytesMissing(services.Logger, file.Content.Digest.Value, file.Repository, file.Path);
        return ArtifactResults.Error(StatusCodes.Status500InternalServerError, $"'{file.Repository}/{file.Path}' is recorded but its bytes ({file.Content.Digest}) are missing from storage");
    }
}
