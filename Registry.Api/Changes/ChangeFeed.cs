using Registry.Core.Changes;
using Registry.Core.Storage;

namespace Registry.Api.Changes;

/// <summary>
/// The one change feed of this node. A change runs in one metadata transaction together with every
/// <see cref="IChangeRecorder"/> (audit entries, webhook deliveries, layer chains): they are committed together or not
/// at all, so a node killed at any moment neither loses an announcement nor announces what it did not store. After the
/// commit every <see cref="IChangeListener"/> (caches, metrics, the webhook sender) hears of it, in registration order;
/// a listener's failure is logged and neither undoes the change nor keeps the other listeners from hearing of it.
/// </summary>
internal sealed partial class ChangeFeed(
    IMetadataTransactions transactions, IEnumerable<IChangeRecorder> recorders, IEnumerable<IChangeListener> listeners, ILogger<ChangeFeed> logger) : IChangeFeed
{
    private readonly IChangeRecorder[] _recorders = [.. recorders];
    private readonly IChangeListener[] _listeners = [.. listeners];

    public async ValueTask<T> RecordAsync<T>(Func<CancellationToken, ValueTask<T>> change, Func<T, IReadOnlyList<ChangeRecord>> announce, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(announce);
        IReadOnlyList<ChangeRecord> changes = [];
        T result = await transactions.InTransactionAsync(
            async c =>
            {
                T outcome = await change(c);
                changes = announce(outcome);
                if (changes.Count > 0)
                {
                    foreach (IChangeRecorder recorder in _recorders)
                    {
                        await recorder.RecordAsync(changes, c);
                    }
                }

                return outcome;
            },
            ct);
        await NotifyAsync(changes);
        return result;
    }

    /// <summary>The change is committed: listeners hear of it even when the caller has gone away meanwhile.</summary>
    private async ValueTask NotifyAsync(IReadOnlyList<ChangeRecord> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (IChangeListener listener in _listeners)
        {
            try
            {
                await listener.OnChangesAsync(changes, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogListenerFailed(logger, e, listener.GetType().Name, changes[0].GetType().Name, changes[0].Subject);
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Change listener {Listener} failed on {Change} about {Subject}; the change itself is stored")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string change, string subject);
}
