using Microsoft.Win32.SafeHandles;

namespace Registry.Storage.Blobs.ReadCache;

/// <summary>
/// A client's read of a blob whose copy into the read cache is under way (<see cref="BlobCacheFill"/>): seekable,
/// with the blob's full length; a read waits for bytes that have not arrived yet and then reads them from the copy's
/// file, where they were just written (so from the page cache). A copy that fails ends the read with an
/// <see cref="IOException"/>, which aborts the client's response rather than completing it with bytes that were not
/// verified.
/// </summary>
internal sealed class BlobCacheFillStream(BlobCacheFill fill, SafeFileHandle file) : ReadOnlyBlobStream(fill.Size)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            long position = Position;
            if (buffer.IsEmpty || position >= fill.Size)
            {
                return 0;
            }

            long readable = fill.Readable;
            if (readable > position)
            {
                int wanted = (int)Math.Min(buffer.Length, readable - position);
                int read = RandomAccess.Read(file, buffer.Span[..wanted], position);
                if (read == 0)
                {
                    throw new IOException($"The cached copy of {fill.Digest} ended at {position} bytes.");
                }

                Advance(read);
                return read;
            }

            if (fill.Failure is { } failure)
            {
                throw new IOException($"Copying {fill.Digest} from the store failed: {failure.Message}", failure);
            }

            await fill.WaitAsync(position, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
