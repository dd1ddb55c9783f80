using System.IO.Pipelines;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>Finding stored content by checksum (deploy by checksum) and hashing a stored blob.</summary>
internal static class ArtifactContent
{
    /// <summary>
    /// Content some artifact already has, or, for a SHA-256, any blob in the store (an image layer, say), hashed
    /// once to learn its SHA-1 and MD5. The digest is pinned first, so garbage collection keeps the bytes until the
    /// file is recorded; null when unknown, when a pass is deleting the blob, or when its bytes are gone.
    /// </summary>
    public static async ValueTask<ArtifactChecksums?> FindAsync(ArtifactServices services, ChecksumKind kind, string value, CancellationToken ct)
    {
        ArtifactChecksums? known = await services.Store.FindContentAsync(kind, value, ct);
        Digest digest;
        if (known is not null)
        {
            digest = known.Digest;
        }
        else if (kind != ChecksumKind.Sha256 || !Digest.TryParse("sha256:" + value, out digest))
        {
            return null;
        }

        // Being deleted: unknown, as blob HEAD says. Pinned: no pass marks it now, so the bytes checked below stay.
        if (!await services.Pins.TryPinAsync(digest, ct))
        {
            return null;
        }

        if (known is not null)
        {
            return await services.Blobs.StatAsync(known.Digest, ct) is null ? null : known;
        }

        await using Stream? stream = await services.Blobs.OpenReadAsync(digest, ct);
        if (stream is null)
        {
            return null;
        }

        ArtifactChecksums hashed = await HashAsync(stream, ct);
        return hashed.Digest == digest ? hashed : null;
    }

    /// <summary>Reads the stream to its end, computing the three checksums.</summary>
    public static async ValueTask<ArtifactChecksums> HashAsync(Stream content, CancellationToken ct)
    {
        PipeReader pipe = PipeReader.Create(content, new StreamPipeReaderOptions(bufferSize: 1 << 20, leaveOpen: true));
        using var hashing = new HashingPipeReader(pipe);
        while (true)
        {
            ReadResult result = await hashing.ReadAsync(ct);
            hashing.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await pipe.CompleteAsync();
        return hashing.Finish();
    }

    /// <summary>
    /// Streams the request body into a new blob, verifying the checksums sent, and pins the digest before the bytes
    /// move into place (waiting while a garbage collection pass deletes the same digest). Null content and the answer
    /// (409 when the checksums disagree, 429 when the wait for the deletion ran out) on failure.
    /// </summary>
    public static async ValueTask<(ArtifactChecksums? Content, IResult? Failure)> StoreBodyAsync(HttpContext context, ArtifactServices services, ChecksumHeaders sent)
        => await StoreAsync(context.Request.BodyReader, services, sent.Mismatch, context.RequestAborted);

    /// <summary>
    /// Streams <paramref name="body"/> into a new blob while hashing it; <paramref name="check"/> (may be null) sees the
    /// checksums before the bytes move into place and refuses them with a message (answered 409). The digest is pinned
    /// before the commit, as for <see cref="StoreBodyAsync"/>. Npm, PyPI and NuGet publishes store their files with it.
    /// </summary>
    public static async ValueTask<(ArtifactChecksums? Content, IResult? Failure)> StoreAsync(
        PipeReader body, ArtifactServices services, Func<ArtifactChecksums, string?>? check, CancellationToken ct)
    {
        await using IUploadSession session = await services.Blobs.StartUploadAsync(ct);
        try
        {
            using var hashing = new HashingPipeReader(body);
            await session.AppendAsync(hashing, ct);
            ArtifactChecksums content = hashing.Finish();
            if (check?.Invoke(content) is { } mismatch)
            {
                await session.CancelAsync(ct);
                return (null, ArtifactResults.Conflict(mismatch));
            }

            if (!await services.Pins.PinForWriteAsync(content.Digest, ct))
            {
                await session.CancelAsync(ct);
                return (null, ArtifactResults.BeingCollected(content.Digest));
            }

            CommitResult committed = await session.CommitAsync(content.Digest, ct);
            if (committed.Status != CommitStatus.Committed)
            {
                // The store hashed other bytes than went through the pipe: never expected, never recorded.
                await session.CancelAsync(ct);
                throw new InvalidOperationException($"upload session hashed {committed.Actual}, the deploy pipe {content.Digest}");
            }

            return (content, null);
        }
        catch
        {
            await session.CancelAsync(CancellationToken.None);
            throw;
        }
    }
}
