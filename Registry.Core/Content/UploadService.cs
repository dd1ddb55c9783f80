using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Content;

/// <summary>
/// The records of blob upload sessions (which repository a session belongs to, so any node can check a request
/// against it): started, completed, cancelled, expired. The bytes are the blob store's; completing a session links
/// its blob into the repository and forgets the session in one transaction, announced as <see cref="BlobLinked"/>.
/// </summary>
public sealed class UploadService(IMetadataStore metadata, IChangeFeed feed, TimeProvider time)
{
    /// <summary>Records a session the blob store just opened for <paramref name="repository"/>.</summary>
    public ValueTask StartAsync(RepositoryName repository, UploadId id, CancellationToken ct)
        => metadata.CreateUploadAsync(new UploadRecord(id, repository, time.GetUtcNow()), ct);

    /// <summary>The session's record when it is open in <paramref name="repository"/>; null otherwise.</summary>
    public async ValueTask<UploadRecord?> FindAsync(RepositoryName repository, UploadId id, CancellationToken ct)
        => await metadata.GetUploadAsync(id, ct).ConfigureAwait(false) is { } record && record.Repository.Equals(repository) ? record : null;

    /// <summary>Links the blob a session committed into its repository and forgets the session, together.</summary>
    public async ValueTask CompleteAsync(Actor actor, RepositoryName repository, UploadId id, BlobInfo blob, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(blob);
        await feed.RecordAsync(
            async c =>
            {
                await metadata.LinkBlobAsync(repository, blob, c).ConfigureAwait(false);
                await metadata.DeleteUploadAsync(id, c).ConfigureAwait(false);
                return true;
            },
            _ => [new BlobLinked(actor, time.GetUtcNow(), repository, blob.Digest, blob.Size)],
            ct).ConfigureAwait(false);
    }

    /// <summary>Forgets a session that was cancelled or whose bytes are gone; false when there was no record.</summary>
    public ValueTask<bool> ForgetAsync(UploadId id, CancellationToken ct) => metadata.DeleteUploadAsync(id, ct);

    /// <summary>Forgets every session started before <paramref name="startedBefore"/> and returns their ids (their bytes are the caller's to remove).</summary>
    public ValueTask<IReadOnlyList<UploadId>> ExpireAsync(DateTimeOffset startedBefore, CancellationToken ct)
        => metadata.DeleteUploadsStartedBeforeAsync(startedBefore, ct);
}
