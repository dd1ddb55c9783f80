using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Registry.Core.Catalog;
using Registry.Core.Primitives;

namespace Registry.Api.Catalog;

/// <summary>
/// Counts manifest pulls in memory (a lock-free increment on the request path, no allocation once a manifest has
/// been pulled) and adds them to the metadata store in one transaction every
/// <see cref="CatalogSettings.PullFlushInterval"/> and when the node stops. Every node flushes its own counts;
/// the store adds them up, so nodes never overwrite each other. A node that is killed loses the counts of its last
/// interval.
/// </summary>
internal sealed partial class PullRecorder(ICatalogStore store, IOptions<CatalogSettings> options, TimeProvider time, ILogger<PullRecorder> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<PullKey, PullCounter> _counters = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly CatalogSettings _settings = options.Value;

    /// <summary>Counts one pull of the manifest (a GET that returned it).</summary>
    public void Record(RepositoryName repository, Digest digest)
    {
        if (_settings.RecordPulls)
        {
            Add(new PullKey(repository, digest), 1, time.GetUtcNow().UtcTicks);
        }
    }

    /// <summary>Writes the pulls counted so far (one flush at a time); on failure they stay counted for the next one.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var batch = new List<PullCount>();
            foreach ((PullKey key, PullCounter counter) in _counters)
            {
                (long count, long ticks) = counter.Take();
                if (count > 0)
                {
                    batch.Add(new PullCount(key.Repository, key.Digest, count, new DateTimeOffset(ticks, TimeSpan.Zero)));
                }
                else if (counter.TryRetire())
                {
                    _counters.TryRemove(new KeyValuePair<PullKey, PullCounter>(key, counter));
                }
            }

            try
            {
                await store.RecordPullsAsync(batch, ct);
            }
            catch
            {
                foreach (PullCount pull in batch)
                {
                    Add(new PullKey(pull.Repository, pull.Digest), pull.Count, pull.LastPulledAt.UtcTicks);
                }

                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_settings.PullFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryFlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await TryFlushAsync(CancellationToken.None);
    }

    private async Task TryFlushAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFlushFailed(logger, e);
        }
    }

    private void Add(PullKey key, long count, long ticks)
    {
        while (true)
        {
            PullCounter counter = _counters.GetOrAdd(key, static _ => new PullCounter());
            if (counter.TryAdd(count, ticks))
            {
                return;
            }

            // A flush retired it between our lookup and our add: drop it (unless already gone) and count in a new one.
            _counters.TryRemove(new KeyValuePair<PullKey, PullCounter>(key, counter));
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Could not record pull counts; they are kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
