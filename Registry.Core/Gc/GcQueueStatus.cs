namespace Registry.Core.Gc;

/// <summary>
/// The review queue at a glance: every entry, those due now (review delay passed, whether or not pinned), the bytes
/// they hold, and the entries a pass is deleting (or left half-done).
/// </summary>
public sealed record GcQueueStatus(long Queued, long QueuedBytes, long Due, long DueBytes, long Deleting, DateTimeOffset? OldestQueuedAt);
