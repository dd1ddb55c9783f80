using System.Threading.Channels;

namespace Registry.Api.Jobs;

/// <summary>
/// Takes records off the request path: they are queued in memory and written in batches, one store transaction
/// each, a few milliseconds later; a failed write is retried rather than dropped, and the queue is drained when the
/// node stops gracefully. <see cref="FlushAsync"/> waits for everything queued before it, so a node reads its own
/// writes. A node that is killed loses what it queued in its last few milliseconds.
/// </summary>
internal abstract partial class BatchWriter<T>(TimeProvider time, ILogger logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _progressLock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private long _enqueued;
    private long _written;

    /// <summary>The clock, for subclasses that stamp their records.</summary>
    protected TimeProvider Time => time;

    /// <summary>What the records are, for the log (e.g. "audit entries").</summary>
    protected abstract string What { get; }

    /// <summary>Stores one batch in one transaction; throws when the store cannot be reached.</summary>
    protected abstract ValueTask WriteAsync(IReadOnlyList<T> batch, CancellationToken ct);

    /// <summary>Runs after a batch is stored.</summary>
    protected virtual void OnWritten()
    {
    }

    protected void Enqueue(T item)
    {
        lock (_progressLock)
        {
            _enqueued++;
            _queue.Writer.TryWrite(item);
        }
    }

    /// <summary>Waits until every record queued on this node before the call is stored.</summary>
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
        var batch = new List<T>();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out T? item))
        {
            batch.Add(item);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        while (true)
        {
            try
            {
                await WriteAsync(batch, CancellationToken.None);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is unreachable: keep the records and try again, rather than lose them. While stopping,
                // the host's shutdown timeout bounds this.
                LogWriteFailed(logger, batch.Count, What, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
        }

        OnWritten();
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

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Could not store {Count} {What}; retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, string what, Exception exception);
}
