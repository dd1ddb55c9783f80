using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>Bytes by digest. Knows nothing of repositories or tags; one copy per digest.</summary>
public interface IBlobStore
{
    /// <summary>
    /// Completes when the store can be used (S3: the bucket exists and accepts the credentials; filesystem: the blob
    /// directory exists), or throws <see cref="StorageUnavailableException"/> saying what is wrong. Readiness and
    /// start-up call it; a lookup of a missing object cannot tell a missing bucket from a missing blob.
    /// </summary>
    ValueTask CheckAvailableAsync(CancellationToken ct);

    ValueTask<BlobInfo?> StatAsync(Digest digest, CancellationToken ct);

    /// <summary>Opens the blob for reading (seekable where the backend allows), or null when absent.</summary>
    ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken ct);

    /// <summary>A short-lived URL clients may fetch the blob from directly, or null when the backend has none.</summary>
    ValueTask<Uri?> GetRedirectUriAsync(Digest digest, TimeSpan ttl, CancellationToken ct);

    /// <summary>Stores a small payload already in memory (manifests) after checking its digest.</summary>
    ValueTask<BlobInfo> PutAsync(Digest digest, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Opens an upload session whose bytes are hashed with sha256 as they are written.</summary>
    ValueTask<IUploadSession> StartUploadAsync(CancellationToken ct);

    /// <summary>
    /// Opens an upload session whose bytes are hashed with <paramref name="algorithm"/> as they are written (the
    /// <c>digest-algorithm</c> of an upload). A session may still be committed under a digest of another algorithm, or
    /// on a node that lost the running hash: then its bytes are read and hashed again at the commit.
    /// </summary>
    ValueTask<IUploadSession> StartUploadAsync(DigestAlgorithm algorithm, CancellationToken ct);

    /// <summary>Reopens a session started on any node, or null when it is unknown, finished or expired.</summary>
    ValueTask<IUploadSession?> ResumeUploadAsync(UploadId id, CancellationToken ct);

    /// <summary>Removes upload sessions untouched since <paramref name="olderThan"/>; returns how many.</summary>
    ValueTask<int> PurgeUploadsAsync(DateTimeOffset olderThan, CancellationToken ct);

    ValueTask<bool> DeleteAsync(Digest digest, CancellationToken ct);

    /// <summary>
    /// Every stored blob (not upload sessions), streamed page by page in no particular order. Keys that are not a
    /// valid content address are skipped.
    /// </summary>
    IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken ct);
}
