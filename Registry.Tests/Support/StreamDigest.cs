using System.Buffers;
using System.Security.Cryptography;

namespace Registry.Tests.Support;

/// <summary>The sha256 digest and length of a stream, read once in small pooled buffers.</summary>
internal sealed record StreamDigest(string Digest, long Length)
{
    public static async Task<StreamDigest> ComputeAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            long length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            return new StreamDigest(Digests.Format(hash.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
