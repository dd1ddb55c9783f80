namespace Registry.Storage.Metadata.Gc;

/// <summary>One queue entry as the mark step reads it: when it was queued, its state, its blob's size and pin.</summary>
internal sealed class GcQueueEntryRow
{
    public long QueuedAt { get; set; }

    public int State { get; set; }

    public long Size { get; set; }

    public long? PinnedUntil { get; set; }

    public const int Queued = 0;

    public const int Deleting = 1;

    /// <summary>Whether the mark step may take the entry: queued, due and not pinned at <paramref name="nowMs"/>.</summary>
    public bool IsMarkable(long queuedBeforeMs, long nowMs)
        => State == Queued && QueuedAt <= queuedBeforeMs && (PinnedUntil is null || PinnedUntil.Value <= nowMs);
}
