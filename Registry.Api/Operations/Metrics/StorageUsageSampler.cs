using Registry.Core.Storage;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Refreshes the <c>registry.storage.used</c> gauge from the metadata store every minute, so a scrape never waits
/// on the database.
/// </summary>
internal sealed partial class StorageUsageSampler(IMetadataStore metadata, RegistryMetrics metrics, TimeProvider time, ILogger<StorageUsageSampler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(CancellationToken ct) => metrics.StorageUsed(await metadata.GetStoredBytesAsync(ct));

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Sampling storage used failed; the gauge keeps its last value")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
