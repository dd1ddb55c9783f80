using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// The distribution API for a name below a docker remote's key (<c>/v2/&lt;key&gt;/&lt;name&gt;/...</c>): manifests and
/// blobs are brought into the cache repository <c>&lt;key&gt;/&lt;name&gt;</c> (<see cref="RemoteManifests"/>,
/// <see cref="RemoteBlobs"/>) and then served by the ordinary handlers; tag lists and referrers are the upstream's,
/// or the cache's when the upstream cannot answer. A remote is read-only: pushes and deletes answer 405 UNSUPPORTED.
/// </summary>
internal static class RemoteHandlers
{
    /// <summary>The <c>Warning</c> header of content served from the cache because the upstream could not be asked (RFC 7234).</summary>
    public const string StaleWarning = "110 - \"Response is stale\"";

    public static async ValueTask<IResult> DispatchAsync(HttpContext context, OciRoute route, RepositoryName name, RemoteTarget target, OciServices services)
    {
        string method = context.Request.Method;
        return (route.Kind, method) switch
        {
            (OciRouteKind.Manifest, "GET" or "HEAD") => await ManifestAsync(context, name, route.Argument, target, services),
            (OciRouteKind.Blob, "GET" or "HEAD") => await BlobAsync(context, name, route.Argument, target, services),
            (OciRouteKind.Tags, _) => await RemoteListings.TagsAsync(context, name, target, services),
            (OciRouteKind.Referrers, _) => await RemoteListings.ReferrersAsync(context, name, route.Argument, target, services),
            _ => ReadOnly(context, target),
        };
    }

    private static OciErrorResult ReadOnly(HttpContext context, RemoteTarget target)
    {
        context.Response.Headers.Allow = "GET, HEAD";
        return OciResults.Error(OciErrorCode.Unsupported,
            $"'{target.Repository.Key}' is a remote repository, a read-only cache of {target.Remote.Url}; push to a local repository instead",
            StatusCodes.Status405MethodNotAllowed);
    }

    private static async ValueTask<IResult> ManifestAsync(HttpContext context, RepositoryName name, string argument, RemoteTarget target, OciServices services)
    {
        if (!ManifestReference.TryParse(argument, out Reference reference, out OciErrorResult? error))
        {
            return error!;
        }

        RemoteFetch fetch = await context.RequestServices.GetRequiredService<RemoteManifests>().EnsureAsync(target, reference, context.RequestAborted);
        if (!fetch.CanServe)
        {
            return fetch.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' of '{name}'");
        }

        MarkStale(context, fetch);
        return await ManifestGetHandler.GetAsync(context, name, argument, services);
    }

    private static async ValueTask<IResult> BlobAsync(HttpContext context, RepositoryName name, string argument, RemoteTarget target, OciServices services)
    {
        if (!BlobHandlers.TryParseDigest(argument, out Digest digest, out OciErrorResult? error))
        {
            return error!;
        }

        RemoteBlobs blobs = context.RequestServices.GetRequiredService<RemoteBlobs>();
        string what = $"blob {digest} of '{name}'";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            (RemoteFetch head, long? size) = await blobs.HeadAsync(target, digest, context.RequestAborted);
            if (!head.CanServe)
            {
                return head.Error(OciErrorCode.BlobUnknown, what);
            }

            return size is { } announced ? UpstreamHead(context, digest, announced) : await BlobHandlers.GetAsync(context, name, argument, services);
        }

        (RemoteFetch fetch, RemoteBlobFlight? flight, Microsoft.Win32.SafeHandles.SafeFileHandle? spool) = await blobs.EnsureAsync(target, digest, context.RequestAborted);
        if (!fetch.CanServe)
        {
            return fetch.Error(OciErrorCode.BlobUnknown, what);
        }

        return flight is not null && spool is not null
            ? new RemoteBlobStreamResult(flight, spool, digest, what)
            : await BlobHandlers.GetAsync(context, name, argument, services);
    }

    /// <summary>A <c>HEAD</c> of a blob not cached, answered from what the upstream (or a download under way) announced.</summary>
    internal static IResult UpstreamHead(HttpContext context, Digest digest, long size)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers[OciHeaders.ContentDigest] = digest.Value;
        headers.ETag = $"\"{digest.Value}\"";
        headers.AcceptRanges = "bytes";
        context.Response.ContentType = MediaTypes.OctetStream;
        context.Response.ContentLength = size;
        return Results.Empty;
    }

    public static void MarkStale(HttpContext context, RemoteFetch fetch)
    {
        if (fetch.Status == RemoteFetchStatus.Stale)
        {
            context.Response.Headers.Warning = StaleWarning;
        }
    }
}
