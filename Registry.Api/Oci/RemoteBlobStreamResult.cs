using System.Buffers;
using Microsoft.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;
using Registry.Core.Errors;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// Streams a blob that a docker remote is still downloading to one client, from the download's spool
/// (<see cref="RemoteBlobFlight"/>): bytes are sent as they arrive, with <c>Content-Length</c> set from the size the
/// upstream announced; a single <c>Range</c> is answered <c>206</c> once its bytes are there. When the download
/// fails (the bytes do not match the digest, the upstream broke off), a client that already received bytes has its
/// connection aborted, so it sees a failed transfer; one that received nothing gets the error. One pooled buffer per
/// client; nothing else is held.
/// </summary>
internal sealed class RemoteBlobStreamResult(RemoteBlobFlight flight, SafeFileHandle spool, Digest digest, string what) : IResult
{
    private const int BufferSize = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using SafeFileHandle reading = spool;
        HttpResponse response = httpContext.Response;
        CancellationToken ct = httpContext.RequestAborted;
        long start = 0;
        long? end = flight.Size is { } size ? size : null;
        int status = StatusCodes.Status200OK;
        if (flight.Size is { } total && RemoteBlobRange.Of(httpContext.Request, total) is { } range)
        {
            if (!range.Satisfiable)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{total}";
                return;
            }

            (start, end, status) = (range.Start, range.End + 1, StatusCodes.Status206PartialContent);
            response.Headers.ContentRange = $"bytes {range.Start}-{range.End}/{total}";
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long position = start;
            while (end is not { } stop || position < stop)
            {
                // In this order: bytes are verified before the download finishes, and once verified Readable is final.
                bool finished = flight.IsFinished;
                bool verified = flight.BytesVerified;
                long readable = flight.Readable;
                if (readable > position)
                {
                    int count = (int)Math.Min(buffer.Length, Math.Min(readable, end ?? long.MaxValue) - position);
                    int read = RandomAccess.Read(reading, buffer.AsSpan(0, count), position);  // written just now: in the page cache
                    if (read == 0)
                    {
                        break;
                    }

                    if (!response.HasStarted)
                    {
                        Start(response, status, end - start);
                    }

                    await response.Body.WriteAsync(buffer.AsMemory(0, read), ct);
                    position += read;
                    continue;
                }

                if (verified)
                {
                    break;
                }

                if (finished)
                {
                    await FailAsync(httpContext, response);
                    return;
                }

                await flight.WaitAsync(position, ct);
            }

            if (!response.HasStarted)
            {
                Start(response, status, end - start);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Start(HttpResponse response, int status, long? length)
    {
        response.StatusCode = status;
        response.ContentType = MediaTypes.OctetStream;
        response.ContentLength = length;
        response.Headers[OciHeaders.ContentDigest] = digest.Value;
        response.Headers.ETag = $"\"{digest.Value}\"";
        response.Headers.AcceptRanges = "bytes";
    }

    private async Task FailAsync(HttpContext httpContext, HttpResponse response)
    {
        if (response.HasStarted)
        {
            httpContext.Abort();
            return;
        }

        RemoteFetch outcome = await flight.Finished;
        response.Headers.Remove(HeaderNames.ContentRange);
        await (outcome.CanServe
            ? new RemoteFetch(RemoteFetchStatus.Unreachable, "the download ended early")
            : outcome).Error(OciErrorCode.BlobUnknown, what).ExecuteAsync(httpContext);
    }
}
