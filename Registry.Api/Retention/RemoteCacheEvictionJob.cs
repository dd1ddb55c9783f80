using Registry.Api.Jobs;
using Registry.Core.Artifacts;

namespace Registry.Api.Retention;

/// <summary>
/// The <c>remote-cache-eviction</c> job: every <see cref="Interval"/> the node holding its lease evicts, from each
/// docker remote with an <c>unusedArtifactsCleanupPeriodHours</c>, what nobody fetched or pulled for that long
/// (<see cref="RemoteCacheEviction"/>).
/// </summary>
internal sealed partial class RemoteCacheEvictionJob(RemoteCacheEviction eviction, ILogger<RemoteCacheEvictionJob> logger) : ILeasedJob
{
    public const string JobName = "remote-cache-eviction";

    /// <summary>How often the job looks: the cleanup periods are counted in hours.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        (int tags, int manifests) = await eviction.RunAsync(ct);
        if (tags + manifests > 0)
        {
            LogEvicted(logger, tags, manifests);
        }
    }

    [LoggerMessage(EventId = 1711, Level = LogLevel.Information, Message = "Remote caches: {Tags} tags and {Manifests} manifests unused for their remote's cleanup period were evicted")]
    private static partial void LogEvicted(ILogger logger, int tags, int manifests);
}
