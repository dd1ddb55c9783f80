using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Core.Events;
using Registry.Core.Storage;

namespace Registry.Api.Events;

/// <summary>
/// Deletes deliveries that ended longer than <see cref="WebhookSettings.Retention"/> ago, and events left without
/// deliveries, once an hour; with several nodes only the one holding the <c>event-pruner</c> lease does.
/// </summary>
internal sealed partial class EventPruner(
    IEventStore events,
    IMetadataStore metadata,
    NodeIdentity node,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    ILogger<EventPruner> logger) : BackgroundService
{
    private const string LeaseName = "event-pruner";
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    if (await metadata.TryAcquireLeaseAsync(LeaseName, node.Id, Interval * 2, stoppingToken))
                    {
                        int pruned = await events.PruneAsync(time.GetUtcNow() - options.Value.Webhooks.Retention, stoppingToken);
                        if (pruned > 0)
                        {
                            LogPruned(logger, pruned);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPruneFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Removed {Count} webhook deliveries past their retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Could not prune old webhook deliveries; will retry in an hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
