using System.Globalization;
using Registry.Api.Http;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>The header sets the spec asks for on upload and blob-creation responses.</summary>
internal static class UploadResponses
{
    /// <summary>202 (or 204 for status) with the session's <c>Location</c>, <c>Range</c> and <c>Docker-Upload-UUID</c>.</summary>
    public static IResult Session(HttpContext context, RepositoryName name, UploadId id, long length, int status)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.Location = $"/v2/{name.Value}/blobs/uploads/{id.Value}";
        headers[OciHeaders.Range] = RangeValue(length);
        headers[OciHeaders.UploadUuid] = id.Value;
        return Results.StatusCode(status);
    }

    /// <summary>201 with the blob's <c>Location</c> and <c>Docker-Content-Digest</c>.</summary>
    public static IResult BlobCreated(HttpContext context, RepositoryName name, Digest digest)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.Location = $"/v2/{name.Value}/blobs/{digest.Value}";
        headers[OciHeaders.ContentDigest] = digest.Value;
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    /// <summary>429: garbage collection is deleting this very digest and did not finish in time; the client retries.</summary>
    public static IResult BlobBeingDeleted(Digest digest)
        => OciResults.Error(Registry.Core.Errors.OciErrorCode.TooManyRequests, $"blob {digest} is being garbage-collected; retry shortly");

    /// <summary>
    /// <c>0-&lt;last byte&gt;</c>, inclusive; an empty session reports <c>0-0</c> as CNCF Distribution does, which
    /// clients already expect.
    /// </summary>
    public static string RangeValue(long length)
        => string.Concat("0-", Math.Max(0, length - 1).ToString(CultureInfo.InvariantCulture));
}
