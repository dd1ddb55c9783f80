using Registry.Core.Access;
using Registry.Core.Catalog;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every retention store must do (policies, snapshots, freed-blob accounting, run history), written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class RetentionStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName A = RepositoryName.Parse("team/a");
    private static readonly RepositoryName B = RepositoryName.Parse("team/b");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static RetentionPolicy Policy(string name, params KeepRuleSpec[] rules) => new(
        0, name, "nightly clean-up", true, [AccessScope.Create(ScopeKind.Namespace, "team"), AccessScope.Create(ScopeKind.Repository, "other/app")],
        rules, TimeSpan.FromDays(14), "0 0 3 * * ?", "admin", At, "admin", At, null);

    /// <summary>Links the layers (seed, size) and records a manifest of 100 bytes using them, tagged when a tag is given.</summary>
    private static async Task ImageAsync(IMetadataStore store, RepositoryName repository, string seed, string? tag, params (string Seed, long Size)[] layers)
    {
        foreach ((string layer, long size) in layers)
        {
            await store.LinkBlobAsync(repository, new BlobInfo(D(layer), size), None);
        }

        var manifest = new ManifestWrite(D(seed), MediaTypes.OciImageManifest, 100, null, null, null,
            [.. layers.Select(l => new ManifestDependency(D(l.Seed), l.Size, DependencyKind.Blob))]);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(repository, manifest, tag is null ? null : TagName.Parse(tag), None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task Policies_RoundTripAllFields_AndNamesAreUnique(MetadataBackend backend)
    {
        var store = (IRetentionStore)await CreateStoreAsync(backend);
        RetentionPolicy draft = Policy("nightly",
            new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 5),
            new KeepRuleSpec(KeepRules.Matching, Pattern: "release-.*"),
            new KeepRuleSpec(KeepRules.Recent, PushedWithin: TimeSpan.FromDays(30), PulledWithin: TimeSpan.FromDays(7)),
            new KeepRuleSpec(KeepRules.HighestVersions, Count: 3, PerMajor: true, IncludePreReleases: true));

        RetentionPolicyWrite created = await store.CreatePolicyAsync(draft, None);
        Assert.Equal(RetentionPolicyWriteStatus.Written, created.Status);
        RetentionPolicy policy = created.Policy!;
        Assert.True(policy.Id > 0);
        Assert.Equal(draft with { Id = policy.Id, Rules = policy.Rules, Repositories = policy.Repositories }, policy);
        Assert.Equal(draft.Rules, policy.Rules);
        Assert.Equal(draft.Repositories, policy.Repositories);
        RetentionPolicy byName = (await store.GetPolicyByNameAsync("nightly", None))!;
        Assert.Equal(policy, byName with { Rules = policy.Rules, Repositories = policy.Repositories });
        Assert.Equal(policy.Rules, byName.Rules);
        Assert.Equal(RetentionPolicyWriteStatus.NameTaken, (await store.CreatePolicyAsync(draft, None)).Status);

        RetentionPolicy other = (await store.CreatePolicyAsync(Policy("weekly") with { Schedule = null, UntaggedOlderThan = null }, None)).Policy!;
        Assert.Null(other.Schedule);
        Assert.Null(other.UntaggedOlderThan);
        Assert.Equal(["nightly", "weekly"], (await store.ListPoliciesAsync(None)).Select(p => p.Name));
        Assert.Equal(RetentionPolicyWriteStatus.NameTaken, (await store.UpdatePolicyAsync(other with { Name = "nightly" }, None)).Status);

        RetentionPolicy changed = policy with { Enabled = false, Rules = [new KeepRuleSpec(KeepRules.MostRecentlyPulled, Count: 2)], UpdatedBy = "alice", UpdatedAt = At.AddHours(1) };
        RetentionPolicyWrite updated = await store.UpdatePolicyAsync(changed, None);
        Assert.Equal(RetentionPolicyWriteStatus.Written, updated.Status);
        Assert.False(updated.Policy!.Enabled);
        Assert.Equal("alice", updated.Policy.UpdatedBy);
        Assert.Equal("admin", updated.Policy.CreatedBy);
        Assert.Equal(changed.Rules, updated.Policy.Rules);
        Assert.Equal(RetentionPolicyWriteStatus.NotFound, (await store.UpdatePolicyAsync(changed with { Id = 9999 }, None)).Status);

        Assert.True(await store.DeletePolicyAsync(policy.Id, None));
        Assert.False(await store.DeletePolicyAsync(policy.Id, None));
        Assert.Null(await store.GetPolicyAsync(policy.Id, None));
    }

    [Theory, MetadataBackends]
    public async Task ClaimScheduledRun_SucceedsOnceForTheSamePreviousRun(MetadataBackend backend)
    {
        var store = (IRetentionStore)await CreateStoreAsync(backend);
        RetentionPolicy policy = (await store.CreatePolicyAsync(Policy("p"), None)).Policy!;

        Assert.True(await store.ClaimScheduledRunAsync(policy.Id, null, At.AddMinutes(1), None));
        Assert.False(await store.ClaimScheduledRunAsync(policy.Id, null, At.AddMinutes(1), None));
        Assert.True(await store.ClaimScheduledRunAsync(policy.Id, At.AddMinutes(1), At.AddMinutes(2), None));
        Assert.False(await store.ClaimScheduledRunAsync(policy.Id, At.AddMinutes(1), At.AddMinutes(3), None));
        Assert.Equal(At.AddMinutes(2), (await store.GetPolicyAsync(policy.Id, None))!.LastScheduledAt);
    }

    [Theory, MetadataBackends]
    public async Task Snapshot_HasTagsWithPullTimes_AndManifestsWithSubjectsAndChildren(MetadataBackend backend)
    {
        IMetadataStore metadata = await CreateStoreAsync(backend);
        var store = (IRetentionStore)metadata;
        await ImageAsync(metadata, A, "amd64", null, ("l1", 10));
        await ImageAsync(metadata, A, "arm64", null, ("l2", 20));
        var index = new ManifestWrite(D("index"), MediaTypes.OciImageIndex, 300, null, null, null,
            [new ManifestDependency(D("amd64"), 100, DependencyKind.Manifest), new ManifestDependency(D("arm64"), 100, DependencyKind.Manifest)]);
        await metadata.PutManifestAsync(A, index, TagName.Parse("1.0.0"), None);
        var signature = new ManifestWrite(D("sig"), MediaTypes.OciImageManifest, 50, "application/vnd.dev.cosign.artifact.sig.v1+json", D("index"), null, []);
        await metadata.PutManifestAsync(A, signature, null, None);
        await ((ICatalogStore)metadata).RecordPullsAsync([new PullCount(A, D("index"), 4, At)], None);

        RetentionSnapshot snapshot = (await store.GetRetentionSnapshotAsync(A, None))!;

        SnapshotTag tag = Assert.Single(snapshot.Tags);
        Assert.Equal(("1.0.0", D("index"), At), (tag.Name, tag.Digest, tag.PulledAt!.Value));
        Assert.Equal(4, snapshot.Manifests.Count);
        SnapshotManifest stored = snapshot.Manifests.Single(m => m.Digest == D("index"));
        Assert.Equal((MediaTypes.OciImageIndex, 300L), (stored.MediaType, stored.Size));
        Assert.Equal(new[] { D("amd64"), D("arm64") }.OrderBy(d => d.Value), stored.Children.OrderBy(d => d.Value));
        Assert.Equal(D("index"), snapshot.Manifests.Single(m => m.Digest == D("sig")).Subject);
        Assert.Empty(snapshot.Manifests.Single(m => m.Digest == D("amd64")).Children);
        Assert.Null(await store.GetRetentionSnapshotAsync(RepositoryName.Parse("nobody/here"), None));
    }

    [Theory, MetadataBackends]
    public async Task FreedBlobs_AreThoseNoManifestOutsideTheDeletedSetUses_InAnyRepository(MetadataBackend backend)
    {
        IMetadataStore metadata = await CreateStoreAsync(backend);
        var store = (IRetentionStore)metadata;
        await ImageAsync(metadata, A, "old", "1.0", ("base", 1000), ("old-only", 10), ("shared-in-a", 7));
        await ImageAsync(metadata, A, "new", "2.0", ("base", 1000), ("shared-in-a", 7), ("new-only", 20));
        await ImageAsync(metadata, A, "older", "0.9", ("older-only", 30), ("cross-repo", 40));
        await ImageAsync(metadata, B, "b", "1.0", ("cross-repo", 40));
        await ImageAsync(metadata, B, "older", "copy", ("older-only", 30), ("cross-repo", 40));

        IReadOnlyList<FreedBlob> oldOnly = await store.ListFreedBlobsAsync([new ManifestKey(A, D("old"))], None);
        Assert.Equal(new[] { new FreedBlob(D("old").Value, 100), new FreedBlob(D("old-only").Value, 10) }.OrderBy(b => b.Digest, StringComparer.Ordinal), oldOnly);

        // The manifest "older" is also in team/b: neither its bytes nor its layers are freed by deleting it from team/a.
        Assert.Empty(await store.ListFreedBlobsAsync([new ManifestKey(A, D("older"))], None));

        IReadOnlyList<FreedBlob> both = await store.ListFreedBlobsAsync([new ManifestKey(A, D("old")), new ManifestKey(A, D("new"))], None);
        Assert.Equal(1000 + 10 + 7 + 20 + 200, both.Sum(b => b.Size));
        Assert.Empty(await store.ListFreedBlobsAsync([], None));

        IReadOnlySet<string> inUse = await store.ListBlobsInUseAsync([D("base").Value, D("old").Value, D("unknown").Value], None);
        Assert.Equal(new HashSet<string> { D("base").Value, D("old").Value }, inUse.ToHashSet());
    }

    [Theory, MetadataBackends]
    public async Task Runs_AreListedNewestFirst_ByPolicy_WithACursor_AndKeepTheirDetails(MetadataBackend backend)
    {
        var store = (IRetentionStore)await CreateStoreAsync(backend);
        RetentionPolicy p1 = (await store.CreatePolicyAsync(Policy("p1"), None)).Policy!;
        RetentionPolicy p2 = (await store.CreatePolicyAsync(Policy("p2"), None)).Policy!;
        var details = new RetentionRunDetails(
            [new RunTag("team/a", "1.0", D("m").Value)],
            [new RunManifest("team/a", D("m").Value, MediaTypes.OciImageManifest, 100, "tags-deleted")],
            [new FreedBlob(D("m").Value, 100), new FreedBlob(D("l").Value, 5000)],
            [new RunSkip("team/a", "2.0", "protected")],
            ["boom"]);
        var ids = new List<long>();
        foreach (RetentionPolicy policy in new[] { p1, p2, p1 })
        {
            RetentionRun run = await store.AddRunAsync(RetentionRun.From(policy, RetentionRun.Manual, "admin", dryRun: policy == p2, At, At.AddSeconds(3), details), None);
            ids.Add(run.Id);
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), (await store.ListRunsAsync(null, null, 10, None)).Select(r => r.Id));
        Assert.Equal([ids[2], ids[0]], (await store.ListRunsAsync(p1.Id, null, 10, None)).Select(r => r.Id));
        Assert.Equal([ids[0]], (await store.ListRunsAsync(p1.Id, ids[2], 10, None)).Select(r => r.Id));
        Assert.Equal([ids[2]], (await store.ListRunsAsync(null, null, 1, None)).Select(r => r.Id));
        Assert.Equal((3L, 2L, 1L), (await store.CountRunsAsync(null, None), await store.CountRunsAsync(p1.Id, None), await store.CountRunsAsync(p2.Id, None)));
        Assert.Equal([ids[2]], (await store.ListNewerRunsAsync(p1.Id, ids[0], 10, None)).Select(r => r.Id));
        Assert.Equal([ids[2], ids[1]], (await store.ListNewerRunsAsync(null, ids[0], 10, None)).Select(r => r.Id));
        Assert.Equal([ids[1]], (await store.ListNewerRunsAsync(null, ids[0], 1, None)).Select(r => r.Id));
        Assert.Empty(await store.ListNewerRunsAsync(p1.Id, ids[2], 10, None));
        RetentionRun listed = (await store.ListRunsAsync(p2.Id, null, 10, None)).Single();
        Assert.Null(listed.Details);
        Assert.True(listed.DryRun);

        RetentionRun stored = (await store.GetRunAsync(ids[0], None))!;
        Assert.Equal((p1.Id, "p1", RetentionRun.Manual, "admin", false), (stored.PolicyId, stored.PolicyName, stored.Trigger, stored.Actor, stored.DryRun));
        Assert.Equal((1, 1, 2, 5100L, 1, 1), (stored.TagsDeleted, stored.ManifestsDeleted, stored.BlobsFreed, stored.BytesFreed, stored.Skipped, stored.Errors));
        Assert.Equal((At, At.AddSeconds(3)), (stored.StartedAt, stored.FinishedAt));
        Assert.Equal(details.Tags, stored.Details!.Tags);
        Assert.Equal(details.Manifests, stored.Details.Manifests);
        Assert.Equal(details.FreedBlobs, stored.Details.FreedBlobs);
        Assert.Equal(details.Skipped, stored.Details.Skipped);
        Assert.Equal(details.Errors, stored.Details.Errors);
        Assert.Null(await store.GetRunAsync(9999, None));

        Assert.True(await store.DeletePolicyAsync(p1.Id, None));
        Assert.Equal(2, (await store.ListRunsAsync(p1.Id, null, 10, None)).Count);
    }
}
