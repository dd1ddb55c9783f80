namespace Registry.Core.Changes;

/// <summary>
/// A reader of the change feed that acts on this node only (drops a cache, counts a metric, wakes the webhook
/// sender). Called after the change and its records have committed, in the order the records were made; a listener
/// that fails does not undo the change nor stop the other listeners. What must survive a crash is an
/// <see cref="IChangeRecorder"/> instead.
/// </summary>
public interface IChangeListener
{
    ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct);
}
