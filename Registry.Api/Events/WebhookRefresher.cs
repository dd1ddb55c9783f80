using Microsoft.Extensions.Options;

namespace Registry.Api.Events;

/// <summary>Loads the webhooks before the node serves, then reloads them every <see cref="WebhookSettings.RefreshInterval"/>.</summary>
internal sealed partial class WebhookRefresher(
    WebhookDirectory directory,
    IOptions<WebhookSettings> options,
    TimeProvider time,
    ILogger<WebhookRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.RefreshInterval;
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(5), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            await directory.RefreshAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Could not load the webhooks from the metadata store; keeping the ones loaded before")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
