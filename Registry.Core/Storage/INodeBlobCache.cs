using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// Implemented by blob stores that can keep verified copies of blobs on this node's disk (the S3 store's read cache),
/// so that the clients of a deploy storm, all pulling the same layer from one node, read the store once instead of
/// once each.
/// </summary>
public interface INodeBlobCache
{
    /// <summary>
    /// The blob from this node's cache: the path of a complete, verified copy, or a stream that follows the copy being
    /// made (started by this call when none is). Null when the cache is off or cannot hold a blob of
    /// <paramref name="size"/> bytes (read the store then), and when the store does not have the blob.
    /// </summary>
    ValueTask<CachedBlob?> OpenCachedAsync(Digest digest, long size, CancellationToken ct);

    /// <summary>What the cache holds and has done since start, or null when the cache is off.</summary>
    NodeBlobCacheUsage? Usage { get; }
}

/// <summary>A node's read cache in figures, since the process started (sizes are of complete copies).</summary>
/// <param name="Bytes">Bytes of complete copies held.</param>
/// <param name="Blobs">Complete copies held.</param>
/// <param name="ServedFromFile">Reads served from a complete copy.</param>
/// <param name="ServedFollowing">Reads that followed a copy under way.</param>
/// <param name="Copies">Copies from the store started.</param>
/// <param name="CopyFailures">Copies that failed (the store broke off, or its bytes did not match the digest).</param>
/// <param name="Evicted">Copies deleted to stay within the capacity.</param>
public readonly record struct NodeBlobCacheUsage(long Bytes, int Blobs, long ServedFromFile, long ServedFollowing, long Copies, long CopyFailures, long Evicted);

/// <summary>A blob served from a node's cache: exactly one of <see cref="FilePath"/> and <see cref="Stream"/> is set.</summary>
public sealed class CachedBlob
{
    private CachedBlob(string? filePath, Stream? stream)
    {
        FilePath = filePath;
        Stream = stream;
    }

    /// <summary>A complete copy whose bytes hashed to the digest.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// A seekable stream of the copy still being made: reads wait for bytes that have not arrived, the last byte is
    /// held back until all of them hashed to the digest, and a copy that fails ends the read with an
    /// <see cref="IOException"/>.
    /// </summary>
    public Stream? Stream { get; }

    public static CachedBlob File(string path) => new(path, null);

    public static CachedBlob Following(Stream stream) => new(null, stream);
}
