using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>POST /v2/&lt;name&gt;/blobs/uploads/</c>: opens a session (202), mounts a blob from another repository
/// (<c>?mount=&amp;from=</c>, 201, or 202 with a session when it cannot), or takes the whole blob in one request
/// (<c>?digest=</c>, 201). <c>?digest-algorithm=sha512</c> (or <c>sha256</c>, the default) says which digest the
/// session's bytes are hashed with as they arrive; any other algorithm is refused with 400 before anything is stored.
/// </summary>
internal static class UploadStartHandler
{
    public const string DigestAlgorithmParameter = "digest-algorithm";

    public static async ValueTask<IResult> PostAsync(HttpContext context, RepositoryName name, OciServices services)
    {
        IQueryCollection query = context.Request.Query;
        CancellationToken ct = context.RequestAborted;
        if (!TryReadAlgorithm(query, out DigestAlgorithm algorithm, out OciErrorResult? algorithmError))
        {
            return algorithmError!;
        }

        string? mount = query["mount"];
        if (mount is not null)
        {
            if (!BlobHandlers.TryParseDigest(mount, out Digest mountDigest, out OciErrorResult? mountError))
            {
                return mountError!;
            }

            MountSourceAccess sourceAccess = RepositoryName.TryParse(query["from"], out RepositoryName? from)
                ? await services.AccessGate.AuthorizeMountSourceAsync(context, name, from)
                : MountSourceAccess.Refused;
            if (sourceAccess.ChallengeResult is { } challenge)
            {
                return challenge;
            }

            // Pinned first (docs/gc.md): a blob being deleted is not mountable, and one mounted now outlives collection
            // until its manifest arrives. As for HEAD, a pin with at least half its duration left is not rewritten.
            if (sourceAccess.IsAllowed && from is not null
                && await services.Pins.FindAndKeepAsync(from, mountDigest, ct) is { } source)
            {
                BlobInfo? mounted = from.Equals(name)
                    ? new BlobInfo(mountDigest, source.Size)
                    : await services.BlobLinks.MountAsync(context.GetActor(), from, name, mountDigest, ct);
                if (mounted is not null)
                {
                    return UploadResponses.BlobCreated(context, name, mountDigest);
                }
            }

            // Not mountable: the client gets a session and uploads the bytes instead.
        }
        else if (query["digest"] is { Count: > 0 } digestText)
        {
            if (!BlobHandlers.TryParseDigest(digestText, out Digest digest, out OciErrorResult? digestError))
            {
                return digestError!;
            }

            if (query.ContainsKey(DigestAlgorithmParameter) && digest.Algorithm != algorithm)
            {
                return OciResults.Error(OciErrorCode.DigestInvalid, $"digest {digest} is not a {Name(algorithm)} digest, as {DigestAlgorithmParameter}={Name(algorithm)} says");
            }

            return await MonolithicAsync(context, name, digest, services);
        }

        await using IUploadSession session = await services.Blobs.StartUploadAsync(algorithm, ct);
        await services.Uploads.StartAsync(name, session.Id, ct);
        return UploadResponses.Session(context, name, session.Id, 0, StatusCodes.Status202Accepted);
    }

    /// <summary>The <c>digest-algorithm</c> asked for (sha256 when absent), or the 400 naming what is supported.</summary>
    private static bool TryReadAlgorithm(IQueryCollection query, out DigestAlgorithm algorithm, out OciErrorResult? error)
    {
        algorithm = DigestAlgorithm.Sha256;
        error = null;
        if (!query.TryGetValue(DigestAlgorithmParameter, out var values))
        {
            return true;
        }

        switch (values.Count == 1 ? values[0] : null)
        {
            case "sha256":
                return true;
            case "sha512":
                algorithm = DigestAlgorithm.Sha512;
                return true;
            default:
                error = OciResults.Error(OciErrorCode.DigestInvalid,
                    $"{DigestAlgorithmParameter} '{string.Join(',', values.ToArray())}' is not supported: give it once, as sha256 or sha512");
                return false;
        }
    }

    private static string Name(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha512 ? "sha512" : "sha256";

    private static async ValueTask<IResult> MonolithicAsync(HttpContext context, RepositoryName name, Digest digest, OciServices services)
    {
        CancellationToken ct = context.RequestAborted;
        if (!await services.Pins.PinForWriteAsync(digest, ct))
        {
            return UploadResponses.BlobBeingDeleted(digest);
        }

        await using IUploadSession session = await services.Blobs.StartUploadAsync(digest.Algorithm, ct);
        CommitResult result;
        try
        {
            await session.AppendAsync(context.Request.BodyReader, ct);
            result = await session.CommitAsync(digest, ct);
        }
        catch
        {
            await session.CancelAsync(CancellationToken.None);
            throw;
        }

        if (result.Status != CommitStatus.Committed)
        {
            await session.CancelAsync(ct);
            return OciResults.Error(OciErrorCode.DigestInvalid, $"content hashes to {result.Actual}, not {digest}");
        }

        await services.BlobLinks.LinkAsync(context.GetActor(), name, result.Blob!, ct);
        return UploadResponses.BlobCreated(context, name, digest);
    }
}
