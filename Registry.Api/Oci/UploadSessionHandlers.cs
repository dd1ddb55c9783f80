using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>PATCH</c> (append a chunk), <c>PUT</c> (last chunk and close with <c>?digest=</c>), <c>GET</c> (status) and
/// <c>DELETE</c> (cancel) on <c>/v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;</c>. Any node can serve any request of a session.
/// </summary>
internal static class UploadSessionHandlers
{
    public static async ValueTask<IResult> PatchAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        (IUploadSession? session, OciErrorResult? error) = await ResumeAsync(context, name, argument, services);
        if (session is null)
        {
            return error!;
        }

        await using (session)
        {
            if (CheckChunk(context, name, session) is { } rejected)
            {
                return rejected;
            }

            long length = await session.AppendAsync(context.Request.BodyReader, context.RequestAborted);
            return UploadResponses.Session(context, name, session.Id, length, StatusCodes.Status202Accepted);
        }
    }

    public static async ValueTask<IResult> PutAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        string? digestText = context.Request.Query["digest"];
        if (digestText is null)
        {
            return OciResults.Error(OciErrorCode.DigestInvalid, "the digest query parameter is required to close an upload");
        }

        if (!BlobHandlers.TryParseDigest(digestText, out Digest digest, out OciErrorResult? digestError))
        {
            return digestError!;
        }

        (IUploadSession? session, OciErrorResult? error) = await ResumeAsync(context, name, argument, services);
        if (session is null)
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        await using (session)
        {
            if (CheckChunk(context, name, session) is { } rejected)
            {
                return rejected;
            }

            // Pinned before the last bytes are read, so a refusal leaves the session as it was for the client's retry.
            if (!await services.Pins.PinForWriteAsync(digest, ct))
            {
                return UploadResponses.BlobBeingDeleted(digest);
            }

            await session.AppendAsync(context.Request.BodyReader, ct);
            CommitResult result = await session.CommitAsync(digest, ct);
            if (result.Status != CommitStatus.Committed)
            {
                // The session keeps its bytes: the client may close it again with the right digest.
                return OciResults.Error(OciErrorCode.DigestInvalid, $"uploaded content hashes to {result.Actual}, not {digest}");
            }

            await services.Uploads.CompleteAsync(context.GetActor(), name, session.Id, result.Blob!, ct);
            return UploadResponses.BlobCreated(context, name, digest);
        }
    }

    public static async ValueTask<IResult> GetAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        (IUploadSession? session, OciErrorResult? error) = await ResumeAsync(context, name, argument, services);
        if (session is null)
        {
            return error!;
        }

        await using (session)
        {
            return UploadResponses.Session(context, name, session.Id, session.Length, StatusCodes.Status204NoContent);
        }
    }

    public static async ValueTask<IResult> DeleteAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        (IUploadSession? session, OciErrorResult? error) = await ResumeAsync(context, name, argument, services);
        if (session is null)
        {
            return error!;
        }

        await using (session)
        {
            await session.CancelAsync(context.RequestAborted);
            await services.Uploads.ForgetAsync(session.Id, context.RequestAborted);
            return Results.StatusCode(StatusCodes.Status204NoContent);
        }
    }

    private static async ValueTask<(IUploadSession?, OciErrorResult?)> ResumeAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        CancellationToken ct = context.RequestAborted;
        if (!UploadId.TryParse(argument, out UploadId id))
        {
            return (null, OciResults.Error(OciErrorCode.BlobUploadUnknown, $"'{argument}' is not an upload session id"));
        }

        if (await services.Uploads.FindAsync(name, id, ct) is null)
        {
            return (null, OciResults.Error(OciErrorCode.BlobUploadUnknown, $"upload {id} is not open in repository '{name}'"));
        }

        IUploadSession? session = await services.Blobs.ResumeUploadAsync(id, ct);
        if (session is null)
        {
            await services.Uploads.ForgetAsync(id, ct);
            return (null, OciResults.Error(OciErrorCode.BlobUploadUnknown, $"upload {id} has expired or was completed"));
        }

        return (session, null);
    }

    /// <summary>A chunk must start where the session ends (else 416) and agree with its Content-Length.</summary>
    private static IResult? CheckChunk(HttpContext context, RepositoryName name, IUploadSession session)
    {
        string? header = context.Request.Headers.ContentRange;
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        if (!ContentRange.TryParse(header, out ContentRange range))
        {
            return OciResults.Error(OciErrorCode.BlobUploadInvalid, $"Content-Range '{header}' is not of the form <start>-<end>");
        }

        long? contentLength = context.Request.ContentLength;
        if (range.Start != session.Length || (contentLength is { } declared && declared != range.Length))
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.Location = $"/v2/{name.Value}/blobs/uploads/{session.Id.Value}";
            headers[OciHeaders.Range] = UploadResponses.RangeValue(session.Length);
            headers[OciHeaders.UploadUuid] = session.Id.Value;
            return OciResults.Error(OciErrorCode.RangeInvalid, range.Start != session.Length
                ? $"chunk starts at {range.Start} but the upload has {session.Length} bytes"
                : $"Content-Range covers {range.Length} bytes but Content-Length is {contentLength}");
        }

        return null;
    }
}
