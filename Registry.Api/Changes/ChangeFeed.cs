using Registry.Core.Changes;

namespace Registry.Api.Changes;

/// <summary>
/// The one change feed of this node: hands each batch of change records to every <see cref="IChangeListener"/>
/// (audit, lineage, webhooks), in registration order. The change is already stored, so a listener's failure is
/// logged and neither undoes it nor keeps the other listeners from hearing of it.
/// </summary>
internal sealed partial class ChangeFeed(IEnumerable<IChangeListener> listeners, ILogger<ChangeFeed> logger) : IChangeFeed
{
    private readonly IChangeListener[] _listeners = [.. listeners];

    public async ValueTask PublishAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (IChangeListener listener in _listeners)
        {
            try
            {
                await listener.OnChangesAsync(changes, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogListenerFailed(logger, e, listener.GetType().Name, changes[0].GetType().Name, changes[0].Subject);
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Change listener {Listener} failed on {Change} about {Subject}; the change itself is stored")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string change, string subject);
}
