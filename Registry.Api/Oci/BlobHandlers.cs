using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary><c>GET</c>, <c>HEAD</c> and <c>DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
internal static class BlobHandlers
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        if (!TryParseDigest(argument, out Digest digest, out OciErrorResult? error))
        {
            return error!;
        }

        bool head = HttpMethods.IsHead(context.Request.Method);
        long? size = head
            ? await HeadSizeAsync(name, digest, services, context.RequestAborted)
            : (await services.Metadata.GetRepositoryBlobAsync(name, digest, context.RequestAborted))?.Size;
        if (size is null)
        {
            return OciResults.Error(OciErrorCode.BlobUnknown, $"blob {digest} is not in repository '{name}'");
        }

        IHeaderDictionary headers = context.Response.Headers;
        headers[OciHeaders.ContentDigest] = digest.Value;
        headers.ETag = $"\"{digest.Value}\"";
        headers.CacheControl = "max-age=31536000";
        if (head)
        {
            headers.AcceptRanges = "bytes";
            context.Response.ContentType = MediaTypes.OctetStream;
            context.Response.ContentLength = size.Value;
            return Results.Empty;
        }

        if (services.LocalFiles is { } files)
        {
            string? path = files.GetFilePath(digest);
            if (path is null)
            {
                return MissingBytes(services, name, digest);
            }

            LargeBlockSendFileFeature.Install(context);
            return Results.File(path, MediaTypes.OctetStream, enableRangeProcessing: true);
        }

        if (services.Storage.RedirectPulls
            && await services.Blobs.GetRedirectUriAsync(digest, services.Storage.RedirectTtl, context.RequestAborted) is { } redirect)
        {
            return Results.Redirect(redirect.AbsoluteUri, permanent: false, preserveMethod: true);
        }

        if (services.NodeCache is { } cache && await cache.OpenCachedAsync(digest, size.Value, context.RequestAborted) is { } cached)
        {
            LargeBlockSendFileFeature.Install(context);
            return cached.FilePath is { } copy
                ? Results.File(copy, MediaTypes.OctetStream, enableRangeProcessing: true)
                : new CachedCopyResult(cached.Stream!, MediaTypes.OctetStream);
        }

        Stream? stream = await services.Blobs.OpenReadAsync(digest, context.RequestAborted);
        return stream is null
            ? MissingBytes(services, name, digest)
            : Results.Stream(stream, MediaTypes.OctetStream, enableRangeProcessing: stream.CanSeek);
    }

    public static async ValueTask<IResult> DeleteAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        if (!TryParseDigest(argument, out Digest digest, out OciErrorResult? error))
        {
            return error!;
        }

        bool removed = await services.BlobLinks.UnlinkAsync(context.GetActor(), name, digest, context.RequestAborted);

        return removed
            ? Results.StatusCode(StatusCodes.Status202Accepted)
            : OciResults.Error(OciErrorCode.BlobUnknown, $"blob {digest} is not in repository '{name}'");
    }

    /// <summary>
    /// HEAD is how a client learns it need not push a layer, so the blob is pinned (docs/gc.md) before the answer: it
    /// then survives collection until the manifest that uses it arrives. Null when unknown or being deleted.
    /// </summary>
    private static async ValueTask<long?> HeadSizeAsync(RepositoryName name, Digest digest, OciServices services, CancellationToken ct)
        => (await services.Pins.FindAndKeepAsync(name, digest, ct))?.Size;

    public static bool TryParseDigest(string? text, out Digest digest, out OciErrorResult? error)
    {
        if (Digest.TryParse(text, out digest, out DigestParseError parseError))
        {
            error = null;
            return true;
        }

        error = OciResults.Error(OciErrorCode.DigestInvalid, parseError == DigestParseError.UnsupportedAlgorithm
            ? $"digest algorithm of '{text}' is not supported; use sha256 or sha512"
            : $"'{text}' is not a valid digest");
        return false;
    }

    private static OciErrorResult MissingBytes(OciServices services, RepositoryName name, Digest digest)
    {
        OciLog.BlobBytesMissing(services.Logger, digest.Value, name.Value);
        return OciResults.Error(OciErrorCode.BlobUnknown, $"blob {digest} is recorded but its bytes are missing from storage");
    }
}
