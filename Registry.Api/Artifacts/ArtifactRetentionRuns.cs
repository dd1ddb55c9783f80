using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Artifacts;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>
/// Runs an artifact repository's retention policy through <see cref="ArtifactRetentionRunner"/> and records every run
/// (dry, manual, scheduled) in the run history with what it deleted. Real runs go one at a time across all nodes:
/// each holds the lease <c>artifact-retention:&lt;key&gt;</c> (renewed while it deletes, see <see cref="JobLeases"/>), and goes on when the request that
/// started it goes away (it stops only with the node), as image retention runs do. A run that fails is recorded with
/// the error.
/// </summary>
internal sealed partial class ArtifactRetentionRuns(
    ArtifactRetentionRunner runner,
    IArtifactRetentionStore history,
    JobLeases leases,
    NodeIdentity node,
    IOptions<JobSettings> jobs,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ArtifactRetentionRuns> logger)
{
    public async Task<ArtifactRetentionAttempt> RunAsync(ArtifactRepository repository, bool dryRun, string trigger, string actor, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (dryRun)
        {
            return await RecordAsync(repository, dryRun, trigger, actor, requestAborted);
        }

        CancellationToken ct = lifetime.ApplicationStopping;
        string lease = "artifact-retention:" + repository.Key;
        string holder = node.Id + ":" + Guid.NewGuid().ToString("N");
        await using HeldLease? held = await leases.TryTakeAsync(lease, holder, jobs.Value.TtlOf(Retention.RetentionRuns.LockName), ct);
        return held is null ? ArtifactRetentionAttempt.Locked : await RecordAsync(repository, dryRun, trigger, actor, ct);
    }

    private async Task<ArtifactRetentionAttempt> RecordAsync(ArtifactRepository repository, bool dryRun, string trigger, string actor, CancellationToken ct)
    {
        DateTimeOffset started = time.GetUtcNow();
        ArtifactRetentionReport? report;
        ArtifactRetentionRunDetails details;
        try
        {
            report = await runner.RunAsync(repository, dryRun, ct);
            if (report is null)
            {
                return ArtifactRetentionAttempt.NoPolicy;
            }

            details = new ArtifactRetentionRunDetails(
                [.. report.Plan.Deleted.Select(d => new ArtifactRunVersion(d.Version.Artifact, d.Version.Version, [.. d.Version.Files.Select(f => f.Path)], d.Version.Bytes))],
                []);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunFailed(logger, repository.Key, e);
            report = null;
            details = new ArtifactRetentionRunDetails([], [string.Create(CultureInfo.InvariantCulture, $"the run stopped: {e.Message}")]);
        }

        int files = report is null ? 0 : dryRun ? details.Versions.Sum(v => v.Paths.Count) : report.Deleted?.Files ?? 0;
        var run = new ArtifactRetentionRun(0, repository.Key, trigger, actor, dryRun, started, time.GetUtcNow(),
            details.Versions.Count, files, details.Versions.Sum(v => v.Bytes), details.Errors.Count, details);
        return new ArtifactRetentionAttempt(await history.AddRetentionRunAsync(run, CancellationToken.None), report, false);
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Error, Message = "Artifact retention run in {Repository} failed; recorded with the error")]
    private static partial void LogRunFailed(ILogger logger, string repository, Exception exception);
}
