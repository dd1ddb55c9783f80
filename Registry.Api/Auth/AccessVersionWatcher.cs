using Microsoft.Extensions.Options;

namespace Registry.Api.Auth;

/// <summary>
/// Polls the store's access version so changes made on other nodes reach this node's caches, and reloads the
/// signing keys now and then in case another node rotated them.
/// </summary>
internal sealed partial class AccessVersionWatcher(
    AccessDirectory directory,
    SigningKeyRing keys,
    IOptions<AuthSettings> options,
    TimeProvider time,
    ILogger<AccessVersionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan KeyReloadInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.AccessRefreshInterval;
        long lastKeyReload = time.GetTimestamp();
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(2), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await directory.RefreshAsync(stoppingToken);
                if (time.GetElapsedTime(lastKeyReload) >= KeyReloadInterval)
                {
                    await keys.ReloadAsync(stoppingToken);
                    lastKeyReload = time.GetTimestamp();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Could not check the metadata store for access changes; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
