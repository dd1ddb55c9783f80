using System.Threading.Channels;
using Registry.Core.Events;

namespace Registry.Api.Events;

/// <summary>
/// Puts events into the metadata store without a database write on the request's path: events are queued in memory
/// and written in batches, one transaction each (the event and a delivery per matching webhook), a few milliseconds
/// later; the queue is drained when the node stops gracefully, and written events are delivered from the store, so
/// they survive a restart. A node that is killed loses only the events of its last few milliseconds.
/// </summary>
internal sealed partial class EventQueue(IEventStore store, DeliverySignal signal, TimeProvider time, ILogger<EventQueue> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<(RegistryEvent Event, string[] WebhookIds)> _queue =
        Channel.CreateUnbounded<(RegistryEvent, string[])>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _progressLock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private long _enqueued;
    private long _written;

    public void Enqueue(RegistryEvent @event, string[] webhookIds)
    {
        lock (_progressLock)
        {
            _enqueued++;
            _queue.Writer.TryWrite((@event, webhookIds));
        }
    }

    /// <summary>Waits until every event queued on this node before the call is stored.</summary>
    public Task FlushAsync(CancellationToken ct)
    {
        TaskCompletionSource done;
        lock (_progressLock)
        {
            if (_written >= _enqueued)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_enqueued, done));
        }

        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: whatever was queued is still written (the server has stopped taking requests by now).
        while (await WriteBatchAsync() > 0)
        {
        }
    }

    private async Task<int> WriteBatchAsync()
    {
        var batch = new List<QueuedEvent>();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out (RegistryEvent Event, string[] WebhookIds) item))
        {
            RegistryEvent e = item.Event;
            batch.Add(new QueuedEvent(e.Id, e.Timestamp, e.Action, e.Target.Repository ?? string.Empty, EventEnvelope.Serialize(e), item.WebhookIds));
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        while (true)
        {
            try
            {
                await store.EnqueueAsync(batch, CancellationToken.None);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is unreachable: keep the events and try again, rather than lose them. While stopping, the
                // host's shutdown timeout bounds this.
                LogWriteFailed(logger, batch.Count, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
        }

        signal.Set();
        lock (_progressLock)
        {
            _written += batch.Count;
            _waiters.RemoveAll(w =>
            {
                if (w.Sequence > _written)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }

        return batch.Count;
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Could not store {Count} events; retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
