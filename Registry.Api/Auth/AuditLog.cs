using System.Threading.Channels;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// Records audit entries without putting a database write on the request's path: entries are queued and written in
/// batches, one transaction each, a few milliseconds later, and the queue is drained when the node stops. Listing
/// the log first waits for this node's queue, so what a caller just did is always in the answer.
/// </summary>
internal sealed partial class AuditLog(IAccessStore store, TimeProvider time, ILogger<AuditLog> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _progressLock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private long _enqueued;
    private long _written;

    /// <summary>Records what the request's caller did.</summary>
    public void Record(HttpContext context, string action, string? target, string? detail = null, bool success = true)
        => Record(context, context.GetCaller().Subject, action, target, detail, success);

    /// <summary>Records an event for an explicit actor (e.g. the account a failed login named).</summary>
    public void Record(HttpContext? context, string actor, string action, string? target, string? detail, bool success)
    {
        var entry = new AuditEntry(0, time.GetUtcNow(), actor, context?.Connection.RemoteIpAddress?.ToString(), action, target, detail, success);
        lock (_progressLock)
        {
            _enqueued++;
            _queue.Writer.TryWrite(entry);
        }
    }

    /// <summary>Waits until every entry recorded on this node before the call is stored.</summary>
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
                await WriteBatchAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: whatever was recorded is still written.
        while (await WriteBatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<int> WriteBatchAsync(CancellationToken ct)
    {
        var batch = new List<AuditEntry>();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out AuditEntry? entry))
        {
            batch.Add(entry);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        while (true)
        {
            try
            {
                await store.AppendAuditAsync(batch, ct);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is unreachable: keep the entries and try again, rather than lose the record.
                LogWriteFailed(logger, batch.Count, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }

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

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Could not write {Count} audit entries; retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
