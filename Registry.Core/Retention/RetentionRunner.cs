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
/// right after it agree exactly, and a run never deletes what a client pushed while it ran.
/// </summary>
public sealed class RetentionRunner(IMetadataStore metadata, ITagStore tags, IRetentionStore store, TagService tagChanges, Content.ManifestService manifests, TimeProvider time)
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

    /// <summary>Plans the policy and records the plan as a dry run.</summary>
    public async Task<RetentionRun> DryRunAsync(RetentionPolicy policy, string trigger, string actor, CancellationToken ct)
    {
        DateTimeOffset started = time.GetUtcNow();
        RetentionPlan plan = await PlanAsync(policy, ct);
        var details = new RetentionRunDetails(
            [.. plan.Repositories.SelectMany(r => r.Tags.Select(t => new RunTag(r.Repository.Value, t.Name, t.Digest.Value)))],
            [.. plan.Repositories.SelectMany(r => r.Manifests.Select(m => Deleted(r.Repository, m)))],
            plan.FreedBlobs,
            [],
            []);
        return await store.AddRunAsync(RetentionRun.From(policy, trigger, actor, dryRun: true, started, time.GetUtcNow(), details), ct);
    }

    /// <summary>Plans the policy, deletes what the plan names (unless it changed since), and records the run.</summary>
    public async Task<RetentionRun> RunAsync(RetentionPolicy policy, string trigger, string actor, CancellationToken ct)
    {
        DateTimeOffset started = time.GetUtcNow();
        var run = new RunLog();
        RetentionPlan? plan = null;
        try
        {
            plan = await PlanAsync(policy, ct);
            foreach (RepositoryPlan repository in plan.Repositories)
            {
                try
                {
                    await ExecuteAsync(policy, repository, run, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    run.Errors.Add($"{repository.Repository}: {e.Message}");   // the other repositories still run
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run.Errors.Add("stopped before the end (the node is shutting down); what was deleted until then is listed");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Errors.Add(e.Message);
        }

        // Whatever happened, what was deleted is recorded, so these last steps do not stop with the run.
        IReadOnlyList<FreedBlob> freed = [];
        if (plan is not null && plan.FreedBlobs.Count > 0 && run.Manifests.Count > 0)
        {
            // A blob of a skipped manifest, or one a push started using meanwhile, was not freed after all.
            IReadOnlySet<string> inUse = await store.ListBlobsInUseAsync([.. plan.FreedBlobs.Select(b => b.Digest)], CancellationToken.None);
            freed = [.. plan.FreedBlobs.Where(b => !inUse.Contains(b.Digest))];
        }

        var details = new RetentionRunDetails(run.Tags, run.Manifests, freed, run.Skipped, run.Errors);
        return await store.AddRunAsync(RetentionRun.From(policy, trigger, actor, dryRun: false, started, time.GetUtcNow(), details), CancellationToken.None);
    }

    private async Task ExecuteAsync(RetentionPolicy policy, RepositoryPlan plan, RunLog run, CancellationToken ct)
    {
        string repository = plan.Repository.Value;
        Actor actor = Actor.System(policy.Actor);
        foreach (PlannedTag tag in plan.Tags)
        {
            TagName name = TagName.Parse(tag.Name);
            ManifestRecord? current = await metadata.ResolveTagAsync(plan.Repository, name, ct);
            if (current?.Digest != tag.Digest)
            {
                run.Skipped.Add(new RunSkip(repository, tag.Name, current is null ? "deleted meanwhile" : $"moved to {current.Digest} meanwhile"));
                continue;
            }

            DeleteResult result = await tagChanges.DeleteAsync(actor, plan.Repository, name, ct);
            switch (result.Status)
            {
                case DeleteStatus.Deleted:
                    run.Tags.Add(new RunTag(repository, tag.Name, tag.Digest.Value));
                    break;
                case DeleteStatus.Protected:
                    run.Skipped.Add(new RunSkip(repository, tag.Name, $"protected by {result.Violation?.Rule.Describe()}"));
                    break;
                default:
                    run.Skipped.Add(new RunSkip(repository, tag.Name, "deleted meanwhile"));
                    break;
            }
        }

        if (plan.Manifests.Count == 0)
        {
            return;
        }

        // Manifests tagged again since the plan (or whose tag deletion was refused) stay, with those tags.
        IReadOnlyList<TagDetail> remaining = await tags.ListTagDetailsAsync(plan.Repository, ct) ?? [];
        var tagged = remaining.Select(t => t.Digest).ToHashSet();
        foreach (PlannedManifest manifest in plan.Manifests)
        {
            if (tagged.Contains(manifest.Digest))
            {
                run.Skipped.Add(new RunSkip(repository, manifest.Digest.Value, "tagged"));
                continue;
            }

            DeleteResult result = await manifests.DeleteAsync(actor, plan.Repository, manifest.Digest, ct);
            if (result.Status == DeleteStatus.Deleted)
            {
                run.Manifests.Add(Deleted(plan.Repository, manifest));
            }
            else
            {
                run.Skipped.Add(new RunSkip(repository, manifest.Digest.Value, result.Status == DeleteStatus.Protected ? "tagged with a protected tag" : "deleted meanwhile"));
            }
        }
    }

    private static RunManifest Deleted(RepositoryName repository, PlannedManifest manifest)
        => new(repository.Value, manifest.Digest.Value, manifest.MediaType, manifest.Size, manifest.Reason);

    private sealed class RunLog
    {
        public List<RunTag> Tags { get; } = [];

        public List<RunManifest> Manifests { get; } = [];

        public List<RunSkip> Skipped { get; } = [];

        public List<string> Errors { get; } = [];
    }
}
