using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Content;
using Registry.Core.Storage;

namespace Registry.Api.Hosting;

/// <summary>
/// Removes abandoned upload sessions: their metadata records (by start time) and their data (by last write),
/// every <c>Uploads:SweepInterval</c>, once <c>Uploads:MaxAge</c> has passed. It is the <c>upload-janitor</c> job:
/// with several nodes, only the node holding its lease sweeps (<see cref="LeasedJobRunner"/>).
/// </summary>
internal sealed partial class UploadJanitor(
    IBlobStore blobs,
    UploadService uploads,
    IOptions<UploadSettings> options,
    TimeProvider time,
    ILogger<UploadJanitor> logger) : ILeasedJob
{
    public const string JobName = "upload-janitor";

    public Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    public async Task<(int Records, int Files)> SweepAsync(CancellationToken ct)
    {
        DateTimeOffset cutoff = time.GetUtcNow() - options.Value.MaxAge;
        IReadOnlyList<UploadId> expired = await uploads.ExpireAsync(cutoff, ct);
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
}
