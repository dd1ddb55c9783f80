using Microsoft.Win32.SafeHandles;

namespace Registry.Storage.Blobs.ReadCache;

/// <summary>
/// A client's read of a blob whose copy into the read cache is under way (<see cref="BlobCacheFill"/>): seekable,
/// with the blob's full length; a read waits for bytes that have not arrived yet and then reads them from the copy's
/// file, where they were just written (so from the page cache). A copy that fails ends the read with an
/// <see cref="IOException"/>, which aborts the client's response rather than completing it with bytes that were not
/// verified.
/// </summary>
internal sealed class BlobCacheFillStream(BlobCacheFill fill, SafeFileHandle file) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => fill.Size;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => fill.Size + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return target;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (buffer.IsEmpty || _position >= fill.Size)
            {
                return 0;
            }

            long readable = fill.Readable;
            if (readable > _position)
            {
                int wanted = (int)Math.Min(buffer.Length, readable - _position);
                int read = RandomAccess.Read(file, buffer.Span[..wanted], _position);
                if (read == 0)
                {
                    throw new IOException($"The cached copy of {fill.Digest} ended at {_position} bytes.");
                }

                _position += read;
                return read;
            }

            if (fill.Failure is { } failure)
            {
                throw new IOException($"Copying {fill.Digest} from the store failed: {failure.Message}", failure);
            }

            await fill.WaitAsync(_position, cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads block on the asynchronous path; the HTTP layer reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
