using System.Globalization;
using System.Net;
using Registry.Core.Primitives;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Chunked uploads that survive an interruption: after each PATCH the other registry accepts, its upload session and
/// the bytes it holds are saved (<see cref="ReplicationUploads"/>); a later run sending the same blob to the same
/// repository first asks that session how far it got (<c>GET &lt;location&gt;</c>, answered <c>204</c> with
/// <c>Range: 0-N</c> by the distribution spec) and continues from byte N+1. A session the other registry forgot, or
/// whose answer disagrees with what was saved, is cancelled (<c>DELETE</c>) and the blob sent from the start.
/// </summary>
internal sealed partial class HttpReplicationTarget
{
    /// <summary>The blob sent by continuing a saved upload; null when there is none to trust (then nothing is saved for it).</summary>
    private async ValueTask<BlobSendResult?> ResumeAsync(RepositoryName repository, Digest digest, long size, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct)
    {
        if (uploads is null || await uploads.FindAsync(repository, digest, size, ct) is not { } saved)
        {
            return null;
        }

        var location = new Uri(saved.Location);
        (long? held, Uri? current) = await UploadStatusAsync(location, ct);
        if (ReplicationUploads.ResumeAt(saved, held) is not { } from)
        {
            if (held is not null)
            {
                using HttpResponseMessage cancelled = await SendAsync(HttpMethod.Delete, location, null, null, ct);
            }

            await uploads.ForgetAsync(repository, digest, ct);
            return null;
        }

        return await SendChunksAsync(repository, digest, size, current ?? location, from, open, ct);
    }

    /// <summary>
    /// Sends the blob from <paramref name="offset"/> into the session at <paramref name="location"/>: PATCH chunks while
    /// more than a chunk is left, each saved once accepted, then the rest with the completing PUT.
    /// </summary>
    private async ValueTask<BlobSendResult> SendChunksAsync(
        RepositoryName repository, Digest digest, long size, Uri location, long offset, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct)
    {
        long start = offset;
        while (size - offset > chunkSize)
        {
            long length = chunkSize;
            long from = offset;
            using HttpResponseMessage patched = await SendAsync(HttpMethod.Patch, location, null, () => new RangeContent(open, from, length, $"{from}-{from + length - 1}"), ct);
            if (patched.StatusCode != HttpStatusCode.Accepted || patched.Headers.Location is not { } after)
            {
                string problem = await RefusalAsync(patched, $"uploading bytes {from}-{from + length - 1}", ct);
                if (uploads is not null)
                {
                    await uploads.ForgetAsync(repository, digest, ct);
                }

                return new BlobSendResult(false, problem);
            }

            location = Absolute(after);
            offset += length;
            if (uploads is not null)
            {
                await uploads.SaveAsync(repository, digest, size, location, offset, ct);
            }
        }

        BlobSendResult last = await PutLastAsync(location, digest, offset, size - offset, open, ct);
        if (uploads is not null && offset > 0)
        {
            await uploads.ForgetAsync(repository, digest, ct);
        }

        return last with { BytesSent = size - start };
    }

    /// <summary>
    /// How many bytes the session at <paramref name="location"/> holds and the location to continue at, as the other
    /// registry answers its status; (null, null) when it does not know the session or gives no usable range.
    /// </summary>
    private async ValueTask<(long? Held, Uri? Location)> UploadStatusAsync(Uri location, CancellationToken ct)
    {
        using HttpResponseMessage status = await SendAsync(HttpMethod.Get, location, null, null, ct);
        if (!status.IsSuccessStatusCode
            || !status.Headers.TryGetValues("Range", out IEnumerable<string>? values)
            || ParseRangeEnd(values.FirstOrDefault()) is not { } end)
        {
            return (null, null);
        }

        return (end + 1, status.Headers.Location is { } next ? Absolute(next) : null);
    }

    /// <summary>N of <c>0-N</c> (or <c>bytes=0-N</c>); null for anything else.</summary>
    private static long? ParseRangeEnd(string? range)
    {
        if (range is null)
        {
            return null;
        }

        ReadOnlySpan<char> text = range.AsSpan().Trim();
        if (text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            text = text["bytes=".Length..];
        }

        return text.StartsWith("0-", StringComparison.Ordinal)
            && long.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out long end) ? end : null;
    }
}
