using Registry.Core.Primitives;

namespace Registry.Core.Gc;

/// <summary>
/// The garbage-collection review queue, blob pins and the history of collection passes. A blob is referenced while
/// a manifest row (in any repository) has its digest or a manifest reference names it as a child; a blob that loses
/// its last reference is queued by the metadata store in the transaction that made it so (a manifest delete, an
/// unlink, or a link no manifest uses yet). A queue entry is <c>queued</c> or <c>deleting</c>; a <c>deleting</c> blob is
/// invisible to clients (no HEAD, GET, mount or manifest reference) until its rows are gone. See docs/gc.md.
/// </summary>
public interface IGcStore
{
    /// <summary>The blob when it is linked into the repository and not being deleted, with its pin.</summary>
    ValueTask<PinnedBlob?> GetPinnedBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct);

    /// <summary>
    /// Protects the digest from collection until <paramref name="until"/> (a later pin wins), whether or not its
    /// bytes exist yet. False, and nothing written, when the blob is being deleted.
    /// </summary>
    ValueTask<bool> PinAsync(Digest digest, DateTimeOffset until, CancellationToken ct);

    /// <summary>
    /// Queued blobs that would be deleted now: queued before <paramref name="queuedBefore"/>, unpinned and unreferenced,
    /// ordered by digest after <paramref name="after"/>.
    /// </summary>
    ValueTask<IReadOnlyList<GcCandidate>> ListDueAsync(DateTimeOffset queuedBefore, string? after, int limit, CancellationToken ct);

    /// <summary>Entries in the <c>deleting</c> state (a pass that stopped half-way), ordered by digest after <paramref name="after"/>.</summary>
    ValueTask<IReadOnlyList<GcCandidate>> ListDeletingAsync(string? after, int limit, CancellationToken ct);

    /// <summary>
    /// In one transaction: when the entry is queued, due (queued before <paramref name="queuedBefore"/>), unpinned and
    /// unreferenced, marks it <c>deleting</c> and returns it; a referenced entry is taken off the queue; otherwise null.
    /// </summary>
    ValueTask<GcCandidate?> TryMarkDeletingAsync(Digest digest, DateTimeOffset queuedBefore, CancellationToken ct);

    /// <summary>
    /// Re-checks a <c>deleting</c> entry found after a restart: true when it is still deleting and unreferenced (its
    /// bytes may go); false when it is gone, or referenced again (then it is taken off the queue and the bytes stay).
    /// </summary>
    ValueTask<bool> ConfirmDeletingAsync(Digest digest, CancellationToken ct);

    /// <summary>After the bytes are deleted: removes the blob's rows and its entry, if the entry is still <c>deleting</c>.</summary>
    ValueTask<bool> CompleteDeletionAsync(Digest digest, CancellationToken ct);

    ValueTask<GcQueueStatus> GetQueueStatusAsync(DateTimeOffset queuedBefore, CancellationToken ct);

    /// <summary>Removes pins that expired before <paramref name="before"/>; returns how many.</summary>
    ValueTask<int> DeleteExpiredPinsAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>
    /// Records a finished pass, keeping only the newest <paramref name="keep"/> runs, and of the scheduled passes that
    /// removed nothing and failed nothing only the newest (so the history shows work, and when the last pass ran); returns its id.
    /// </summary>
    ValueTask<long> RecordRunAsync(GcRun run, int keep, CancellationToken ct);

    /// <summary>The newest runs first.</summary>
    ValueTask<IReadOnlyList<GcRun>> ListRunsAsync(int limit, CancellationToken ct);

    /// <summary>Newest first: at most <paramref name="limit"/> runs with ids below <paramref name="before"/> (the newest when null).</summary>
    ValueTask<IReadOnlyList<GcRun>> ListRunsBeforeAsync(long? before, int limit, CancellationToken ct);

    /// <summary>The page before a cursor: the oldest <paramref name="limit"/> runs with ids above <paramref name="after"/>, newest first.</summary>
    ValueTask<IReadOnlyList<GcRun>> ListRunsAfterAsync(long after, int limit, CancellationToken ct);

    /// <summary>How many runs the history holds.</summary>
    ValueTask<long> CountRunsAsync(CancellationToken ct);
}
