using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Registry.Api.Oci;

/// <summary>
/// Sends a blob whose copy into the node's read cache is still under way (<c>CachedBlob.Stream</c>), in blocks of up
/// to 512 KiB read straight into the response pipe, one flush each, as the file path of
/// <see cref="LargeBlockSendFileFeature"/> does (the framework's stream result writes and flushes 64 KiB at a time). A
/// single <c>Range</c> is answered 206; a copy that fails after the first bytes went out aborts the connection, so the
/// client sees a broken transfer instead of a complete one. Conditional headers are not evaluated in this short
/// window; every later request is served from the complete file with the framework's full handling.
/// </summary>
internal sealed class CachedCopyResult(Stream copy, string contentType, Action<HttpResponse>? headers = null) : IResult
{
    private const int BlockSize = 512 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using Stream source = copy;
        HttpResponse response = httpContext.Response;
        CancellationToken ct = httpContext.RequestAborted;
        long total = source.Length;
        long start = 0;
        long length = total;
        response.Headers.AcceptRanges = "bytes";
        headers?.Invoke(response);
        if (RemoteBlobRange.Of(httpContext.Request, total) is { } range)
        {
            if (!range.Satisfiable)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{total}";
                return;
            }

            (start, length) = (range.Start, range.End - range.Start + 1);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {range.Start}-{range.End}/{total}";
        }

        response.ContentType = contentType;
        response.ContentLength = length;
        source.Seek(start, SeekOrigin.Begin);
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        PipeWriter writer = response.BodyWriter;
        bool sent = false;
        try
        {
            while (length > 0)
            {
                Memory<byte> memory = writer.GetMemory((int)Math.Min(length, BlockSize));
                int read = await source.ReadAsync(memory[..(int)Math.Min(memory.Length, length)], ct);
                if (read == 0)
                {
                    throw new IOException($"The copy ended {length} bytes before the length the response announced.");
                }

                writer.Advance(read);
                length -= read;
                sent = true;
                FlushResult flushed = await writer.FlushAsync(ct);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (IOException) when (sent && !ct.IsCancellationRequested)
        {
            httpContext.Abort(); // the copy failed: the client must not take what it got for the whole blob
        }
    }
}
