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
    /// once to learn its SHA-1 and MD5. Null when unknown or when its bytes are gone.
    /// </summary>
    public static async ValueTask<ArtifactChecksums?> FindAsync(ArtifactServices services, ChecksumKind kind, string value, CancellationToken ct)
    {
        ArtifactChecksums? known = await services.Store.FindContentAsync(kind, value, ct);
        if (known is not null)
        {
            return await services.Blobs.StatAsync(known.Digest, ct) is null ? null : known;
        }

        if (kind != ChecksumKind.Sha256 || !Digest.TryParse("sha256:" + value, out Digest digest))
        {
            return null;
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

    /// <summary>Streams the request body into a new blob, verifying the checksums sent; null content and the mismatch when they disagree.</summary>
    public static async ValueTask<(ArtifactChecksums? Content, string? Mismatch)> StoreBodyAsync(HttpContext context, ArtifactServices services, ChecksumHeaders sent)
    {
        CancellationToken ct = context.RequestAborted;
        await using IUploadSession session = await services.Blobs.StartUploadAsync(ct);
        try
        {
            using var hashing = new HashingPipeReader(context.Request.BodyReader);
            await session.AppendAsync(hashing, ct);
            ArtifactChecksums content = hashing.Finish();
            if (sent.Mismatch(content) is { } mismatch)
            {
                await session.CancelAsync(ct);
                return (null, mismatch);
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
