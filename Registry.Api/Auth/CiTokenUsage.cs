using System.Collections.Concurrent;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>Collects when CI tokens were used and writes the times in one batch every few seconds, off the request path.</summary>
internal sealed partial class CiTokenUsage(IAccessStore store, TimeProvider time, ILogger<CiTokenUsage> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public void Record(string tokenId) => _pending[tokenId] = time.GetUtcNow();

    /// <summary>Writes what was recorded so far.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        ConcurrentDictionary<string, DateTimeOffset> batch = Interlocked.Exchange(ref _pending, new(StringComparer.Ordinal));
        if (!batch.IsEmpty)
        {
            await store.RecordCiTokenUseAsync([.. batch], ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Could not record CI token use times")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
