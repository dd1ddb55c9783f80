namespace Registry.Storage.Blobs;

/// <summary>
/// What the stores' seekable read streams share: a fixed <see cref="Length"/>, a position that a seek only moves (the
/// next read starts there), no writing, and synchronous reads that block on the asynchronous path (the HTTP layer
/// reads asynchronously). A subclass reads from <see cref="Position"/> in <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>
/// and advances it with <see cref="Advance"/>.
/// </summary>
internal abstract class ReadOnlyBlobStream(long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

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
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return target;
    }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Moves the position past <paramref name="count"/> bytes just read.</summary>
    protected void Advance(int count) => _position += count;
}
