using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Events;

namespace Registry.Api.Events;

/// <summary>
/// Deletes deliveries that ended longer than <see cref="WebhookSettings.Retention"/> ago, and events left without
/// deliveries, once an hour. It is the <c>event-pruner</c> job: with several nodes only the one holding its lease prunes.
/// </summary>
internal sealed partial class EventPruner(
    IEventStore events,
    IOptions<WebhookSettings> options,
    TimeProvider time,
    ILogger<EventPruner> logger) : ILeasedJob
{
    public const string JobName = "event-pruner";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        int pruned = await events.PruneAsync(time.GetUtcNow() - options.Value.Retention, ct);
        if (pruned > 0)
        {
            LogPruned(logger, pruned);
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Removed {Count} webhook deliveries past their retention")]
    private static partial void LogPruned(ILogger logger, int count);
}
