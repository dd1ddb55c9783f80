namespace Registry.Core.Changes;

/// <summary>
/// A reader of the change feed. Called after the change is stored, in the order the records were made; a listener
/// that fails does not undo the change nor stop the other listeners.
/// </summary>
public interface IChangeListener
{
    ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct);
}
