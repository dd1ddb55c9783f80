namespace Registry.Core.Storage;

/// <summary>
/// One metadata transaction around several store writes: every write a store makes while <c>work</c> runs (on the
/// same async flow) joins it, each as a savepoint, so a write that rolls itself back leaves the others standing. The
/// transaction commits when <c>work</c> returns and rolls back when it throws. Reads are not part of it: they see
/// what was committed before it began, so the work reads first and writes after. A call made while a transaction
/// is already open runs inside that one. The change feed runs each change and the rows it implies (audit entries,
/// webhook deliveries, lineage) in one of these: the change and its announcement are stored together or not at all.
/// </summary>
public interface IMetadataTransactions
{
    ValueTask<T> InTransactionAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct);
}
