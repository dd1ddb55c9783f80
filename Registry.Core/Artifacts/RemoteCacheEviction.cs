using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Retention;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Core.Artifacts;

/// <summary>
/// Evicts what a docker remote cached and nobody used for its <see cref="RemoteSource.UnusedArtifactsCleanupPeriodHours"/>:
/// in the repositories under the remote's key, tags neither fetched (pushed into the cache) nor pulled within the period
/// are deleted, then manifests left untagged and older than the period (platform manifests of a kept index stay with
/// it). The retention planner decides (the same rules as a policy <c>keep what was pushed or pulled within</c> with
/// <c>untagged older than</c> the period, so protected tags stay); the deletes go through <see cref="TagService"/> and
/// <see cref="Content.ManifestService"/> as the remote's actor <c>remote:&lt;key&gt;</c>, so each is announced as any
/// other. Garbage collection then reclaims the bytes; the next pull fetches them again.
/// </summary>
public sealed class RemoteCacheEviction(
    IArtifactStore repositories,
    RetentionRunner planner,
    IMetadataStore metadata,
    ITagStore tags,
    IRetentionStore retention,
    TagService tagChanges,
    Content.ManifestService manifests,
    TimeProvider time)
{
    /// <summary>Evicts from every docker remote with a cleanup period; returns how many tags and manifests went.</summary>
    public async Task<(int Tags, int Manifests)> RunAsync(CancellationToken ct)
    {
        int tagCount = 0, manifestCount = 0;
        foreach (ArtifactRepository repository in await repositories.ListArtifactRepositoriesAsync(ct).ConfigureAwait(false))
        {
            if (repository is not { Class: RepositoryClass.Remote, Type: ArtifactRepositoryType.Docker, Remote.UnusedArtifactsCleanupPeriodHours: > 0 })
            {
                continue;
            }

            RetentionRunDetails details = await EvictAsync(repository, ct).ConfigureAwait(false);
            tagCount += details.Tags.Count;
            manifestCount += details.Manifests.Count;
        }

        return (tagCount, manifestCount);
    }

    /// <summary>Evicts from one docker remote what was unused for its period; what was deleted and what was left alone.</summary>
    public async Task<RetentionRunDetails> EvictAsync(ArtifactRepository remote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (remote.Remote is not { UnusedArtifactsCleanupPeriodHours: > 0 } source || !AccessScope.TryCreate(ScopeKind.Namespace, remote.Key, out AccessScope? scope))
        {
            return new RetentionRunDetails([], [], [], [], []);
        }

        TimeSpan period = TimeSpan.FromHours(source.UnusedArtifactsCleanupPeriodHours);
        DateTimeOffset now = time.GetUtcNow();
        var policy = new RetentionPolicy(0, "remote:" + remote.Key, null, true, [scope.Value],
            [new KeepRuleSpec(KeepRules.Recent, PushedWithin: period, PulledWithin: period)], period, null,
            "remote:" + remote.Key, now, "remote:" + remote.Key, now, null);
        RetentionPlan plan = await planner.PlanAsync(policy, ct).ConfigureAwait(false);
        var work = new ImageRetentionWork(plan, metadata, tags, retention, tagChanges, manifests);
        Actor actor = RemoteCaching.Actor(remote.Key);
        for (int i = 0; i < work.Units.Count; i++)
        {
            await work.ApplyAsync(i, actor, ct).ConfigureAwait(false);
        }

        return work.Details(dryRun: false, []);
    }
}
