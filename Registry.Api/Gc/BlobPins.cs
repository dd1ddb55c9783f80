using Microsoft.Extensions.Options;
using Registry.Core.Gc;
using Registry.Core.Primitives;

namespace Registry.Api.Gc;

/// <summary>
/// What the distribution handlers do for garbage collection: pin a blob before telling a client it exists or before
/// writing its bytes (the stores queue unreferenced blobs themselves). See docs/gc.md for why this leaves no window
/// in which a blob a client was told about can be deleted before its manifest arrives.
/// </summary>
internal sealed partial class BlobPins(IGcStore store, IOptions<GcSettings> options, TimeProvider time, ILogger<BlobPins> logger) : IBlobWritePins
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private GcSettings Settings => options.Value;

    /// <summary>
    /// The blob when it is linked into <paramref name="repository"/> and not being deleted, kept from collection for at
    /// least half of <see cref="GcSettings.PinDuration"/>: what HEAD and a mount check before telling a client the blob
    /// exists. The link, size, pin and queue state are read in one query, and the pin is written only when less than
    /// half of it is left (so most HEADs and mounts write nothing). Null when unknown or being deleted.
    /// </summary>
    public async ValueTask<PinnedBlob?> FindAndKeepAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        if (await store.GetPinnedBlobAsync(repository, digest, ct) is not { } blob)
        {
            return null;
        }

        DateTimeOffset now = time.GetUtcNow();
        bool kept = blob.PinnedUntil is { } until && until - now >= Settings.PinDuration / 2
            || await store.PinAsync(digest, now + Settings.PinDuration, ct);
        return kept ? blob : null;
    }

    /// <summary>Pins the digest now; false when it is being deleted.</summary>
    public ValueTask<bool> TryPinAsync(Digest digest, CancellationToken ct)
        => store.PinAsync(digest, time.GetUtcNow() + Settings.PinDuration, ct);

    /// <summary>
    /// Pins the digest before its bytes are written (blob commit, manifest bytes). While a pass is deleting the same
    /// digest this waits, up to <see cref="GcSettings.DeletingWait"/>, for the deletion to finish, so the new bytes
    /// and rows land after it and are not removed by it. False when the wait ran out (answer 429; the client retries).
    /// </summary>
    public async ValueTask<bool> PinForWriteAsync(Digest digest, CancellationToken ct)
    {
        DateTimeOffset giveUp = time.GetUtcNow() + Settings.DeletingWait;
        while (true)
        {
            if (await TryPinAsync(digest, ct))
            {
                return true;
            }

            if (time.GetUtcNow() >= giveUp)
            {
                LogDeletingWaitExpired(logger, digest.Value);
                return false;
            }

            await Task.Delay(PollInterval, time, ct);
        }
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Blob {Digest} was still being garbage-collected when its write gave up waiting; the client was told to retry")]
    private static partial void LogDeletingWaitExpired(ILogger logger, string digest);
}
