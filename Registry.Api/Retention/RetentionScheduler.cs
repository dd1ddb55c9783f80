using Registry.Api.Artifacts;
using Registry.Api.Jobs;
using Registry.Core.Artifacts;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// Runs policies of both kinds on their schedules: the one <c>retention-scheduler</c> job. Every
/// <c>Retention:PollInterval</c> the node holding the job's lease (<see cref="LeasedJobRunner"/>) asks
/// <see cref="RetentionEngine.RunDueAsync{TPolicy, TWork, TRun}"/> for the image policies
/// (<see cref="RetentionRunner"/>), then the artifact repositories' policies (<see cref="ArtifactRetentionKind"/>):
/// each due run is claimed in the store (so even two nodes that both think they hold the lease run it once) and run
/// under its policy's lock. Fire times missed while no node ran collapse into one run. Each run is logged; the engine
/// records it with its audit entry (as the system actor <c>scheduler</c>).
/// </summary>
internal sealed partial class RetentionScheduler(
    RetentionEngine engine,
    RetentionRunner images,
    ArtifactRetentionKind artifacts,
    ILogger<RetentionScheduler> logger) : ILeasedJob
{
    public const string JobName = "retention-scheduler";

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await RunDueAsync(ct);
        await RunDueArtifactsAsync(ct);
    }

    /// <summary>Runs every image policy that is due now; returns the runs it recorded.</summary>
    public async Task<IReadOnlyList<RetentionRun>> RunDueAsync(CancellationToken ct)
    {
        var recorded = new List<RetentionRun>();
        foreach ((RetentionPolicy policy, RetentionRun? run) in await engine.RunDueAsync(images, ct))
        {
            if (run is null)
            {
                LogBusy(logger, policy.Name);
                continue;
            }

            LogRan(logger, policy.Name, run.TagsDeleted, run.ManifestsDeleted, run.BytesFreed, run.Errors);
            recorded.Add(run);
        }

        return recorded;
    }

    /// <summary>Runs every artifact repository's policy that is due now; returns the runs it recorded.</summary>
    public async Task<IReadOnlyList<ArtifactRetentionRun>> RunDueArtifactsAsync(CancellationToken ct)
    {
        var recorded = new List<ArtifactRetentionRun>();
        foreach ((ArtifactRetentionTarget target, ArtifactRetentionRun? run) in await engine.RunDueAsync(artifacts, ct))
        {
            string key = target.Repository.Key;
            if (run is null)
            {
                LogArtifactsBusy(logger, key);
                continue;
            }

            LogArtifactsRan(logger, key, run.VersionsDeleted, run.FilesDeleted, run.BytesFreed, run.Errors);
            recorded.Add(run);
        }

        return recorded;
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Retention policy {Policy} ran on schedule: {Tags} tags and {Manifests} manifests deleted, {Bytes} bytes freed, {Errors} errors")]
    private static partial void LogRan(ILogger logger, string policy, int tags, int manifests, long bytes, int errors);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Retention policy {Policy} is due but another run of it is in progress; skipped")]
    private static partial void LogBusy(ILogger logger, string policy);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Artifact retention of {Repository} ran on schedule: {Versions} versions ({Files} files, {Bytes} bytes) deleted, {Errors} errors")]
    private static partial void LogArtifactsRan(ILogger logger, string repository, int versions, int files, long bytes, int errors);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Artifact retention of {Repository} is due but another run of it is in progress; skipped")]
    private static partial void LogArtifactsBusy(ILogger logger, string repository);
}
