using System.Buffers;
using System.Security.Cryptography;
using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>Copies exactly a number of bytes from one stream to another while hashing them, with one pooled buffer.</summary>
public static class HashingCopy
{
    private const int BufferSize = 256 * 1024;

    /// <summary>Copies <paramref name="size"/> bytes (all of them when null) and returns their digest and count; throws <see cref="EndOfStreamException"/> when the source ends early.</summary>
    public static async ValueTask<(Digest Digest, long Length)> CopyAsync(
        Stream source, Stream? destination, DigestAlgorithm algorithm, long? size, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hash = IncrementalHash.CreateHash(Digest.HashName(algorithm));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            while (size is null || total < size)
            {
                int want = size is { } s ? (int)Math.Min(buffer.Length, s - total) : buffer.Length;
                int read = await source.ReadAsync(buffer.AsMemory(0, want), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    if (size is not null)
                    {
                        throw new EndOfStreamException($"the content ended after {total} of {size} bytes");
                    }

                    break;
                }

                hash.AppendData(buffer, 0, read);
                if (destination is not null)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }

                total += read;
                progress?.Report(read);
            }

            return (Digest.FromHash(algorithm, hash.GetHashAndReset()), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
