using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Content;

/// <summary>
/// Links and unlinks blobs of a repository for every entry point: an upload committed (<see cref="BlobLinked"/>), a
/// cross-repository mount (<see cref="BlobMounted"/>) and a blob DELETE (<see cref="BlobDeleted"/>). Bytes are never copied or removed here; garbage collection
/// reclaims what no repository links any more.
/// </summary>
public sealed class BlobLinkService(IMetadataStore metadata, IChangeFeed feed, TimeProvider time)
{
    /// <summary>Links a blob whose bytes were just stored (an upload committed) into the repository.</summary>
    public async ValueTask LinkAsync(Actor actor, RepositoryName repository, BlobInfo blob, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(blob);
        await feed.RecordAsync(
            async c =>
            {
                await metadata.LinkBlobAsync(repository, blob, c).ConfigureAwait(false);
                return true;
            },
            _ => [new BlobLinked(actor, time.GetUtcNow(), repository, blob.Digest, blob.Size)],
            ct).ConfigureAwait(false);
    }

    /// <summary>Links <paramref name="digest"/> of <paramref name="from"/> into <paramref name="to"/>; null when <paramref name="from"/> has no such blob.</summary>
    public async ValueTask<BlobInfo?> MountAsync(Actor actor, RepositoryName from, RepositoryName to, Digest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await feed.RecordAsync(
            c => metadata.MountBlobAsync(from, to, digest, c),
            mounted => mounted is not null && !from.Equals(to) ? [new BlobMounted(actor, time.GetUtcNow(), to, from, mounted.Digest, mounted.Size)] : [],
            ct).ConfigureAwait(false);
    }

    /// <summary>Unlinks the blob from the repository; false when it was not linked there.</summary>
    public async ValueTask<bool> UnlinkAsync(Actor actor, RepositoryName repository, Digest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await feed.RecordAsync(
            c => metadata.UnlinkBlobAsync(repository, digest, c),
            removed => removed ? [new BlobDeleted(actor, time.GetUtcNow(), repository, digest)] : [],
            ct).ConfigureAwait(false);
    }
}
