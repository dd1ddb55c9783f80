using Registry.Core.Artifacts;
using Registry.Core.Retention;

namespace Registry.Api.Artifacts;

/// <summary>
/// Artifact repositories' retention runs asked for through the API, on <see cref="RetentionEngine"/> with
/// <see cref="ArtifactRetentionKind"/>: every run (dry, manual, scheduled) is recorded in the run history with what it
/// deleted. Real runs go one at a time across all nodes under the lock <c>artifact-retention:&lt;key&gt;</c>, and go on
/// when the request that started them goes away (they stop only with the node or when the lock is lost), as image
/// retention runs do. A run that fails is recorded with the error.
/// </summary>
internal sealed class ArtifactRetentionRuns(
    RetentionEngine engine,
    ArtifactRetentionKind kind,
    IArtifactStore store,
    IHostApplicationLifetime lifetime)
{
    public async Task<ArtifactRetentionAttempt> RunAsync(ArtifactRepository repository, bool dryRun, string trigger, Core.Changes.Actor actor, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (await store.GetRetentionPolicyAsync(repository.Key, requestAborted) is not { } policy)
        {
            return ArtifactRetentionAttempt.NoPolicy;
        }

        RetentionAttempt<ArtifactRetentionWork, ArtifactRetentionRun> attempt = await engine.RunAsync(
            kind, new ArtifactRetentionTarget(repository, policy), new RetentionRequest(trigger, actor, dryRun),
            dryRun ? requestAborted : lifetime.ApplicationStopping);
        if (attempt.Busy)
        {
            return ArtifactRetentionAttempt.Locked;
        }

        ArtifactRetentionRun run = attempt.Run!;
        return new ArtifactRetentionAttempt(run, run.Errors == 0 ? attempt.Work?.Report(dryRun) : null, false);
    }
}
