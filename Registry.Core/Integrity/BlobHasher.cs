using System.Buffers;
using System.Security.Cryptography;
using Registry.Core.Primitives;

namespace Registry.Core.Integrity;

/// <summary>Hashes a stream as it is read, through one pooled buffer; the bytes are never held whole.</summary>
public static class BlobHasher
{
    private const int BufferSize = 1 << 20;

    /// <summary>The digest of everything <paramref name="content"/> yields from its current position, and how many bytes it read.</summary>
    public static async ValueTask<(Digest Digest, long Length)> HashAsync(Stream content, DigestAlgorithm algorithm, CancellationToken ct)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(Digest.HashName(algorithm));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            return (Digest.FromHash(algorithm, hash.GetCurrentHash()), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
