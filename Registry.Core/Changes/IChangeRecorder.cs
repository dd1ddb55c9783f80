namespace Registry.Core.Changes;

/// <summary>
/// Writes what a change implies (an audit entry, webhook deliveries, a layer chain) in the change's own metadata
/// transaction, through the stores (their writes join it). A recorder that fails rolls the change back: nothing is
/// stored that is not announced.
/// </summary>
public interface IChangeRecorder
{
    ValueTask RecordAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct);
}
