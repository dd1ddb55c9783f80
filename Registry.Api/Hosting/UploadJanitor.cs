using Microsoft.Extensions.Options;
using Registry.Core.Storage;

namespace Registry.Api.Hosting;

/// <summary>
/// Removes abandoned upload sessions: their metadata records (by start time) and their data (by last write),
/// every <c>Uploads:SweepInterval</c>, once <c>Uploads:MaxAge</c> has passed. With several nodes, only the node
/// holding the <c>upload-janitor</c> lease sweeps.
/// </summary>
internal sealed partial class UploadJanitor(
    IBlobStore blobs,
    IMetadataStore metadata,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    NodeIdentity node,
    ILogger<UploadJanitor> logger) : BackgroundService
{
    private const string LeaseName = "upload-janitor";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.Uploads.SweepInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                if (await metadata.TryAcquireLeaseAsync(LeaseName, node.Id, interval * 2, stoppingToken))
                {
                    await SweepAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<(int Records, int Files)> SweepAsync(CancellationToken ct)
    {
        DateTimeOffset cutoff = time.GetUtcNow() - options.Value.Uploads.MaxAge;
        IReadOnlyList<UploadId> expired = await metadata.DeleteUploadsStartedBeforeAsync(cutoff, ct);
        int files = 0;
        foreach (UploadId id in expired)
        {
            await using IUploadSession? session = await blobs.ResumeUploadAsync(id, ct);
            if (session is not null)
            {
                await session.CancelAsync(ct);
                files++;
            }
        }

        // Sessions without a record (a crash between creating one and recording it) go by their last write.
        files += await blobs.PurgeUploadsAsync(cutoff, ct);
        if (expired.Count > 0 || files > 0)
        {
            LogSwept(logger, expired.Count, files);
        }

        return (expired.Count, files);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Expired {Records} upload records and removed {Files} upload files")]
    private static partial void LogSwept(ILogger logger, int records, int files);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Upload sweep failed; will retry at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
