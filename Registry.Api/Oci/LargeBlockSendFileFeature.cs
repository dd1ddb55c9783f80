using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Win32.SafeHandles;

namespace Registry.Api.Oci;

/// <summary>
/// The server's file-sending path for blob downloads. File results (<c>Results.File</c>, with ASP.NET Core's range
/// handling) end in <see cref="IHttpResponseBodyFeature.SendFileAsync"/>; Kestrel has no kernel sendfile and
/// implements it as a 16 KiB asynchronous FileStream copy. This implementation reads the file with positional
/// reads of up to 256 KiB straight into the response pipe's memory: one copy per byte, few system calls, no
/// thread hop per read.
/// Kestrel's default minimum response rate allows a flush to stall for only 5 seconds: in a deploy storm (200 clients
/// pulling one layer on a busy host) it reset healthy downloads mid-blob. Downloads keep a minimum rate, with a grace
/// period that a storm does not reach but that still ends a reader who stopped reading.
/// </summary>
internal sealed class LargeBlockSendFileFeature(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    private const int BlockSize = 512 * 1024;

    /// <summary>Kestrel's default rate (240 bytes/s), with a minute's grace instead of 5 seconds.</summary>
    private static readonly MinDataRate DownloadRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromMinutes(1));

    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public static void Install(HttpContext context)
    {
        IHttpResponseBodyFeature current = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        if (current is not LargeBlockSendFileFeature)
        {
            context.Features.Set<IHttpResponseBodyFeature>(new LargeBlockSendFileFeature(current));
        }

        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = DownloadRate;
        }
    }

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        long remaining = count ?? RandomAccess.GetLength(file) - offset;
        await inner.StartAsync(cancellationToken);
        PipeWriter writer = inner.Writer;
        while (remaining > 0)
        {
            Memory<byte> memory = writer.GetMemory((int)Math.Min(remaining, BlockSize));
            int wanted = (int)Math.Min(memory.Length, remaining);
            int read = RandomAccess.Read(file, memory.Span[..wanted], offset);
            if (read == 0)
            {
                throw new IOException($"{path} ended {remaining} bytes before the length the response announced.");
            }

            writer.Advance(read);
            offset += read;
            remaining -= read;
            FlushResult flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }
}
