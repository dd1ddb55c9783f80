using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Core.Retention;

/// <summary>
/// Plans and runs policies. A dry run records the plan as a run without changing anything; a real run plans the
/// same way, then deletes tags (<see cref="TagService.DeleteAsync"/>) and manifests
/// (<see cref="Content.ManifestService.DeleteAsync"/>) as the system actor <see cref="RetentionPolicy.Actor"/>
/// (<c>retention:&lt;policy&gt;</c>), so each delete is announced as any other: a <c>tag.delete</c> or
/// <c>manifest.delete</c> audit entry and a <c>delete</c> webhook event naming the policy. Deleting changes metadata only: the garbage collector reclaims the
/// bytes of blobs nothing references any more. What changed between planning and deleting is left alone and
/// recorded as skipped: a tag moved or protected since, a manifest tagged again since. So a dry run and a real run
/// right after it agree exactly, and a run never deletes what a client pushed while it ran. The run is recorded with
/// its summary (<see cref="RetentionRunCompleted"/>, naming who started it) in one transaction. This is the image kind of
/// <see cref="RetentionEngine"/>: the engine runs, locks, schedules and records; the deleting is
/// <see cref="ImageRetentionWork"/>'s.
/// </summary>
public sealed class RetentionRunner(IMetadataStore metadata, ITagStore tags, IRetentionStore store, TagService tagChanges, Content.ManifestService manifests, IChangeFeed feed, TimeProvider time)
    : IRetentionKind<RetentionPolicy, ImageRetentionWork, RetentionRun>
{
    private const int RepositoryPageSize = 1000;

    public async Task<RetentionPlan> PlanAsync(RetentionPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        IReadOnlyList<IKeepRule> rules = KeepRules.CreateAll(policy.Rules);
        DateTimeOffset now = time.GetUtcNow();
        var plans = new List<RepositoryPlan>();
        string? last = null;
        RepositoryPage page;
        do
        {
            page = await metadata.ListRepositoriesAsync(last, RepositoryPageSize, ct);
            foreach (string name in page.Names)
            {
                RepositoryName repository = RepositoryName.Parse(name);
                if (!policy.Covers(repository) || await store.GetRetentionSnapshotAsync(repository, ct) is not { } snapshot)
                {
                    continue;
                }

                IReadOnlyList<TagProtectionRule> protection = await tags.ListProtectionRulesForAsync(repository, ct);
                RepositoryPlan plan = RetentionPlanner.Plan(repository, snapshot, rules, policy.UntaggedOlderThan, protection, now);
                if (!plan.IsEmpty)
                {
                    plans.Add(plan);
                }
            }

            last = page.Names.Count > 0 ? page.Names[^1] : null;
        }
        while (page.HasMore && last is not null);

        var deleted = plans.SelectMany(p => p.Manifests.Select(m => new ManifestKey(p.Repository, m.Digest))).ToList();
        IReadOnlyList<FreedBlob> freed = deleted.Count == 0 ? [] : await store.ListFreedBlobsAsync(deleted, ct);
        return new RetentionPlan(plans, freed);
    }

    /// <summary>Plans the policy and records the plan as a dry run (through <see cref="RetentionEngine"/>, no lock needed).</summary>
    public async Task<RetentionRun> DryRunAsync(RetentionPolicy policy, string trigger, Actor actor, CancellationToken ct)
        => (await RetentionEngine.ExecuteAsync(this, policy, new RetentionRequest(trigger, actor, DryRun: true), time, ct)).Run;

    /// <summary>
    /// Plans the policy, deletes what the plan names (unless it changed since), and records the run, without taking the
    /// policy's lock (<see cref="RetentionEngine.RunAsync{TPolicy, TWork, TRun}"/> takes it).
    /// </summary>
    public async Task<RetentionRun> RunAsync(RetentionPolicy policy, string trigger, Actor actor, CancellationToken ct)
        => (await RetentionEngine.ExecuteAsync(this, policy, new RetentionRequest(trigger, actor, DryRun: false), time, ct)).Run;

    public string LockName(RetentionPolicy policy)
        => "retention:" + policy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string ActorName(RetentionPolicy policy) => policy.Actor;

    public RetentionTiming Timing(RetentionPolicy policy)
        => new(policy.Schedule, policy.Enabled, policy.UpdatedAt, policy.LastScheduledAt);

    public ValueTask<IReadOnlyList<RetentionPolicy>> ListScheduledAsync(CancellationToken ct) => store.ListPoliciesAsync(ct);

    public ValueTask<bool> ClaimScheduledRunAsync(RetentionPolicy policy, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
        => store.ClaimScheduledRunAsync(policy.Id, previous, at, ct);

    async Task<ImageRetentionWork> IRetentionKind<RetentionPolicy, ImageRetentionWork, RetentionRun>.PlanAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
        => new(await PlanAsync(policy, ct), metadata, tags, store, tagChanges, manifests);

    public async ValueTask<RetentionRun> RecordAsync(RetentionPolicy policy, RetentionRunInfo run, ImageRetentionWork? work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        RetentionRunDetails details = work?.Details(run.Request.DryRun, run.Errors) ?? RetentionRunDetails.Empty with { Errors = run.Errors };
        RetentionRun record = RetentionRun.From(policy, run.Request.Trigger, run.Request.StartedBy.Name, run.Request.DryRun, run.StartedAt, run.FinishedAt, details);
        return await feed.RecordAsync(
            c => store.AddRunAsync(record, c),
            recorded => [new RetentionRunCompleted(run.Request.StartedBy, run.FinishedAt, Artifacts: false, policy.Name, recorded.Id, recorded.DryRun, recorded.Summarize(), recorded.Errors == 0)],
            ct);
    }
}
