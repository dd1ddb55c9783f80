using Microsoft.Extensions.Options;
using Registry.Api.Hosting;

namespace Registry.Api.Gc;

/// <summary>
/// Runs a collection pass every <c>Registry:Gc:Interval</c> while <c>Registry:Gc:Enabled</c>; with several nodes,
/// only the node that takes the <c>gc</c> lease collects (it gives the lease up after each pass).
/// </summary>
internal sealed partial class GcWorker(
    GarbageCollector collector,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    NodeIdentity node,
    ILogger<GcWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GcSettings settings = options.Value.Gc;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                await collector.RunAsync("schedule", node.Id, TimeSpan.Zero, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "Garbage collection pass failed; will retry at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
