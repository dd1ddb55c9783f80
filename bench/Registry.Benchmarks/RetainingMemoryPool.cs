using System.Buffers;

namespace Registry.Benchmarks;

/// <summary>
/// A memory pool that keeps every block it handed out, as Kestrel's block pool does for request bodies, so that a
/// benchmark feeding a pipe measures what the code under test allocates rather than the feeder's buffers.
/// </summary>
internal sealed class RetainingMemoryPool(int blockSize) : MemoryPool<byte>
{
    private readonly ArrayPool<byte> _arrays = ArrayPool<byte>.Create(blockSize, maxArraysPerBucket: 1024);

    public override int MaxBufferSize => blockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > blockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), $"blocks are {blockSize} bytes");
        }

        return new Block(_arrays, _arrays.Rent(blockSize));
    }

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(ArrayPool<byte> arrays, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (_array is { } returned)
            {
                _array = null;
                arrays.Return(returned);
            }
        }
    }
}
