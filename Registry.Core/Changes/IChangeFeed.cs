namespace Registry.Core.Changes;

/// <summary>
/// Where the application services make their changes and announce them. <see cref="RecordAsync{T}"/> runs the change
/// and every <see cref="IChangeRecorder"/> (audit entries, webhook deliveries, lineage) in one metadata transaction,
/// an outbox: a change is never stored without its announcement, nor announced without being stored. Once it has
/// committed, every <see cref="IChangeListener"/> (caches, metrics, the webhook sender's wake-up) hears of it.
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// Runs <paramref name="change"/> (store writes) and records what <paramref name="announce"/> makes of its outcome,
    /// in one transaction; then tells the listeners. An outcome that changed nothing announces an empty list.
    /// </summary>
    ValueTask<T> RecordAsync<T>(Func<CancellationToken, ValueTask<T>> change, Func<T, IReadOnlyList<ChangeRecord>> announce, CancellationToken ct);
}
