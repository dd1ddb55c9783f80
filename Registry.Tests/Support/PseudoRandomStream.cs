using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Registry.Tests.Support;

/// <summary>
/// A read-only, forward-only stream of <c>length</c> pseudo-random (incompressible) bytes from a seed, that
/// computes their sha256 while producing them. Nothing but a 64 KiB block is held in memory, so gigabytes can be
/// streamed to a server. The same seed and length always give the same bytes.
/// </summary>
internal sealed class PseudoRandomStream : Stream
{
    private const int BlockSize = 64 * 1024;

    private readonly long length;
    private readonly byte[] block = new byte[BlockSize];
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int blockOffset = BlockSize;
    private long produced;
    private string? digest;
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public PseudoRandomStream(long length, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        this.length = length;
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>The total number of bytes the stream produces.</summary>
    public long TotalLength => length;

    /// <summary>The bytes produced so far.</summary>
    public long Produced => produced;

    /// <summary>The sha256 digest of all the bytes; available once the stream has been read to its end.</summary>
    public string Digest => digest ?? throw new InvalidOperationException(
        $"The digest is known only after all {length} bytes were read ({produced} so far).");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => produced;
        set => throw new NotSupportedException();
    }

    /// <summary>The digest of the bytes a stream with this length and seed produces, computed by reading it once.</summary>
    public static string ComputeDigest(long length, ulong seed)
    {
        using var stream = new PseudoRandomStream(length, seed);
        var buffer = new byte[1024 * 1024];
        while (stream.Read(buffer) > 0)
        {
        }

        return stream.Digest;
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - produced);
        var written = 0;
        while (written < count)
        {
            if (blockOffset == BlockSize)
            {
                FillBlock();
            }

            var chunk = Math.Min(count - written, BlockSize - blockOffset);
            block.AsSpan(blockOffset, chunk).CopyTo(buffer[written..]);
            blockOffset += chunk;
            written += chunk;
        }

        hash.AppendData(buffer[..count]);
        produced += count;
        if (produced == length && digest is null)
        {
            digest = Digests.Format(hash.GetHashAndReset());
        }

        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void FillBlock()
    {
        // xoshiro256**: fast and good enough that gzip or a registry cannot compress the bytes.
        for (var offset = 0; offset < BlockSize; offset += sizeof(ulong))
        {
            var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = BitOperations.RotateLeft(s3, 45);
            BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(offset), result);
        }

        blockOffset = 0;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
