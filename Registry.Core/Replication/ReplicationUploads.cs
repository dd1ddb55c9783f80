using Registry.Core.Primitives;

namespace Registry.Core.Replication;

/// <summary>
/// What a push run of one rule remembers of its chunked uploads so that a run after an interruption (a crash, a lost
/// connection, a kill) continues a half-sent blob instead of sending it again: after each chunk the other registry
/// accepted, where its upload session is and how many bytes it confirmed; before a new upload of the same blob to the
/// same repository, whether that saved upload can be trusted (<see cref="ResumeAt"/>); once the blob is complete or
/// refused, nothing. The transport (how the other registry is asked) is the host's.
/// </summary>
public sealed class ReplicationUploads(IReplicationUploadStore store, string rule, TimeProvider time)
{
    /// <summary>
    /// The saved upload of this blob to <paramref name="repository"/>, if one is worth asking about: saved for the
    /// same size with some bytes confirmed and not past the end. One that is not is forgotten.
    /// </summary>
    public async ValueTask<ReplicationUpload?> FindAsync(RepositoryName repository, Digest digest, long size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ReplicationUpload? saved = await store.GetReplicationUploadAsync(rule, repository.Value, digest.Value, ct).ConfigureAwait(false);
        if (saved is null)
        {
            return null;
        }

        if (saved.Size != size || saved.Offset <= 0 || saved.Offset > size || !Uri.TryCreate(saved.Location, UriKind.Absolute, out _))
        {
            await store.DeleteReplicationUploadAsync(rule, repository.Value, digest.Value, ct).ConfigureAwait(false);
            return null;
        }

        return saved;
    }

    /// <summary>
    /// Where to continue <paramref name="saved"/>, given the bytes the other registry says its session holds now
    /// (null when it no longer knows the session or did not say): those bytes, when they are at least the ones it
    /// confirmed before (it may hold more when a chunk was accepted but the run stopped before saving it) and not past
    /// the blob's end. Null means the saved upload cannot be trusted: start over.
    /// </summary>
    public static long? ResumeAt(ReplicationUpload saved, long? held)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return held is { } bytes && bytes >= saved.Offset && bytes <= saved.Size ? bytes : null;
    }

    /// <summary>Records that the session at <paramref name="location"/> holds the blob's first <paramref name="offset"/> bytes.</summary>
    public ValueTask SaveAsync(RepositoryName repository, Digest digest, long size, Uri location, long offset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(location);
        return store.SaveReplicationUploadAsync(
            new ReplicationUpload(rule, repository.Value, digest.Value, size, location.AbsoluteUri, offset, time.GetUtcNow()), ct);
    }

    /// <summary>Forgets the blob's upload (complete, refused, or not to be trusted).</summary>
    public async ValueTask ForgetAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        await store.DeleteReplicationUploadAsync(rule, repository.Value, digest.Value, ct).ConfigureAwait(false);
    }
}
