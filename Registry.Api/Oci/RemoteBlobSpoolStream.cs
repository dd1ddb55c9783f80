using Microsoft.Win32.SafeHandles;

namespace Registry.Api.Oci;

/// <summary>
/// The spool of a <see cref="RemoteBlobFlight"/> read from the start as it is written, for the blob store's upload
/// session: it follows the download at the store's own pace (a disk or S3 slower than the upstream holds back only
/// the store, not the clients), and ends once every byte is there and verified. When the download fails before that,
/// it throws, so the session stores nothing. Read-only and forward-only; holds no bytes of its own.
/// </summary>
internal sealed class RemoteBlobSpoolStream(RemoteBlobFlight flight, SafeFileHandle spool) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // In this order: bytes are verified before the download finishes, and once verified Readable is final.
            bool finished = flight.IsFinished;
            bool verified = flight.BytesVerified;
            long readable = flight.Readable;
            if (readable > position)
            {
                int count = (int)Math.Min(buffer.Length, readable - position);
                int read = RandomAccess.Read(spool, buffer.Span[..count], position);  // written just now: in the page cache
                position += read;
                return read;
            }

            if (verified)
            {
                return 0;
            }

            if (finished)
            {
                throw new IOException("the download ended before every byte of the blob was verified");
            }

            await flight.WaitAsync(position, cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            spool.Dispose();
        }

        base.Dispose(disposing);
    }
}
