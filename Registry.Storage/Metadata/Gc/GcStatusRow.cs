using Registry.Core.Gc;

namespace Registry.Storage.Metadata.Gc;

/// <summary>The queue summary row.</summary>
internal sealed class GcStatusRow
{
    public long Queued { get; set; }

    public long QueuedBytes { get; set; }

    public long Due { get; set; }

    public long DueBytes { get; set; }

    public long Deleting { get; set; }

    public long? OldestQueuedAt { get; set; }

    public GcQueueStatus ToStatus()
        => new(Queued, QueuedBytes, Due, DueBytes, Deleting, OldestQueuedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
}
