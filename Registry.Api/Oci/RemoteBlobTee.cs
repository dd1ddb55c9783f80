namespace Registry.Api.Oci;

/// <summary>
/// The upstream's body as the blob store's upload session reads it: every chunk read is first appended to the
/// <see cref="RemoteBlobFlight"/>'s spool, so the clients tailing it get the bytes while the session hashes and
/// stores them. Read-only and forward-only; holds no bytes of its own.
/// </summary>
internal sealed class RemoteBlobTee(Stream upstream, RemoteBlobFlight flight) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => flight.Written;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await upstream.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            flight.Append(buffer.Span[..read]);
        }

        return read;
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
}
