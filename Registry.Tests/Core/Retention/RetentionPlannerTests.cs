using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Tags;

namespace Registry.Tests.Core.Retention;

public sealed class RetentionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RepositoryName Repo = RepositoryName.Parse("team/app");
    private static readonly IKeepRule KeepNewest = new KeepMostRecentlyPushed(1);

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static SnapshotTag Tag(string name, string manifest, int daysAgo) => new(name, D(manifest), Now.AddDays(-daysAgo), null);

    private static SnapshotManifest M(string seed, int daysAgo = 100, string? subject = null, params string[] children)
        => new(D(seed), children.Length > 0 ? MediaTypes.OciImageIndex : MediaTypes.OciImageManifest, 500, subject is null ? null : D(subject),
            Now.AddDays(-daysAgo), [.. children.Select(D)]);

    private static RepositoryPlan Plan(IReadOnlyList<SnapshotTag> tags, IReadOnlyList<SnapshotManifest> manifests, IReadOnlyList<IKeepRule>? rules = null,
        TimeSpan? untaggedOlderThan = null, IReadOnlyList<TagProtectionRule>? protection = null)
        => RetentionPlanner.Plan(Repo, new RetentionSnapshot(tags, manifests), rules ?? [KeepNewest], untaggedOlderThan, protection ?? [], Now);

    private static string[] Tags(RepositoryPlan plan) => [.. plan.Tags.Select(t => t.Name)];

    private static Digest[] Manifests(RepositoryPlan plan) => [.. plan.Manifests.Select(m => m.Digest)];

    [Fact]
    public void TagsNoRuleKeeps_GoWithTheirManifest_UnlessAKeptTagStillPointsAtIt()
    {
        RepositoryPlan plan = Plan(
            [Tag("new", "m2", 1), Tag("old", "m1", 9), Tag("alias-of-new", "m2", 5)],
            [M("m1"), M("m2")]);

        Assert.Equal(["alias-of-new", "old"], Tags(plan));
        PlannedManifest deleted = Assert.Single(plan.Manifests);
        Assert.Equal((D("m1"), "tags-deleted"), (deleted.Digest, deleted.Reason));
        Assert.Equal(1, plan.TagsKept);
    }

    [Fact]
    public void ProtectedTags_AreKept_WhateverTheRules()
    {
        var rule = new TagProtectionRule(1, AccessScope.Create(ScopeKind.Namespace, "team"), @"stable|1\..*", TagProtectionKind.ProtectedFromDeletion, "admin", Now);
        RepositoryPlan plan = Plan([Tag("new", "m3", 1), Tag("stable", "m1", 90), Tag("0.9", "m2", 80)], [M("m1"), M("m2"), M("m3")], protection: [rule]);

        Assert.Equal(["0.9"], Tags(plan));
        Assert.Equal([D("m2")], Manifests(plan));
    }

    [Fact]
    public void ChildrenOfAKeptIndex_AreKept_AndChildrenOfADeletedIndexGoWithIt_UnlessAnotherKeptIndexListsThem()
    {
        RepositoryPlan plan = Plan(
            [Tag("2.0", "index2", 1), Tag("1.0", "index1", 30)],
            [M("amd64-v1", 30), M("arm64-v1", 30), M("amd64-v2", 1), M("index1", 30, null, "amd64-v1", "arm64-v1"), M("index2", 1, null, "amd64-v2", "arm64-v1")]);

        Assert.Equal(["1.0"], Tags(plan));
        Assert.Equal([D("index1"), D("amd64-v1")], Manifests(plan));
        Assert.Equal("child", plan.Manifests[1].Reason);
    }

    [Fact]
    public void ReferrersOfKeptManifests_Stay_AndReferrersOfDeletedOnes_GoFirst_Recursively()
    {
        RepositoryPlan plan = Plan(
            [Tag("new", "kept", 1), Tag("old", "gone", 30)],
            [M("kept"), M("gone"), M("sig-of-kept", 1, "kept"), M("sig-of-gone", 30, "gone"), M("sig-of-sig", 30, "sig-of-gone")]);

        Assert.Equal([D("sig-of-sig"), D("sig-of-gone"), D("gone")], Manifests(plan));
        Assert.Equal(["referrer", "referrer", "tags-deleted"], plan.Manifests.Select(m => m.Reason));
    }

    [Fact]
    public void UntaggedManifests_StayUnlessThePolicyDeletesThoseOlderThanItsAge()
    {
        SnapshotTag[] tags = [Tag("latest", "tagged", 1)];
        SnapshotManifest[] manifests = [M("tagged", 1), M("young-untagged", 2), M("old-untagged", 40), M("dangling-referrer", 40, "not-here")];

        Assert.True(Plan(tags, manifests).IsEmpty);
        RepositoryPlan plan = Plan(tags, manifests, untaggedOlderThan: TimeSpan.FromDays(30));
        Assert.Equal(new[] { D("old-untagged"), D("dangling-referrer") }.OrderBy(d => d.Value, StringComparer.Ordinal), Manifests(plan));
        Assert.All(plan.Manifests, m => Assert.Equal("untagged", m.Reason));
    }

    [Fact]
    public void UntaggedChildrenAndReferrers_OfKeptManifests_StayEvenWhenOld()
    {
        RepositoryPlan plan = Plan(
            [Tag("latest", "index", 1)],
            [M("index", 1, null, "child"), M("child", 400), M("sbom", 400, "index")],
            untaggedOlderThan: TimeSpan.FromDays(1));

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void WithoutRules_NoTagGoes_OnlyOldUntaggedManifests()
    {
        RepositoryPlan plan = Plan([Tag("a", "m1", 400), Tag("b", "m2", 300)], [M("m1"), M("m2"), M("loose", 100)], rules: [], untaggedOlderThan: TimeSpan.FromDays(30));

        Assert.Empty(plan.Tags);
        Assert.Equal([D("loose")], Manifests(plan));
    }

    [Fact]
    public void IndexesAreDeletedBeforeTheirChildren_AndThePlanIsTheSameEveryTime()
    {
        SnapshotManifest[] manifests = [M("c1"), M("c2"), M("nested", 100, null, "c1"), M("top", 100, null, "nested", "c2")];
        RepositoryPlan first = Plan([Tag("old", "top", 100), Tag("new", "other", 1)], [.. manifests, M("other", 1)]);
        RepositoryPlan second = Plan([Tag("new", "other", 1), Tag("old", "top", 100)], [M("other", 1), .. manifests.Reverse()]);

        Digest[] order = Manifests(first);
        Assert.Equal(4, order.Length);
        Assert.True(Array.IndexOf(order, D("top")) < Array.IndexOf(order, D("nested")));
        Assert.True(Array.IndexOf(order, D("nested")) < Array.IndexOf(order, D("c1")));
        Assert.True(Array.IndexOf(order, D("top")) < Array.IndexOf(order, D("c2")));
        Assert.Equal(order, Manifests(second));
        Assert.Equal(Tags(first), Tags(second));
    }

    [Fact]
    public void CosignTagAttachments_FollowTheirImage_WhateverTheRules()
    {
        string Sig(string manifest, string suffix) => $"sha256-{D(manifest).Value["sha256:".Length..]}.{suffix}";
        RepositoryPlan plan = Plan(
            [Tag("new", "kept", 1), Tag("old", "gone", 30), Tag(Sig("kept", "sig"), "kept.sig", 30), Tag(Sig("gone", "sig"), "gone.sig", 0),
             Tag(Sig("gone", "att"), "gone.att", 0), Tag(Sig("elsewhere", "sig"), "stray.sig", 50)],
            [M("kept"), M("gone"), M("kept.sig"), M("gone.sig"), M("gone.att"), M("stray.sig")]);

        Assert.Equal(new[] { "old", Sig("elsewhere", "sig"), Sig("gone", "att"), Sig("gone", "sig") }.Order(StringComparer.Ordinal), Tags(plan));
        Assert.Equal(new[] { D("gone"), D("gone.sig"), D("gone.att"), D("stray.sig") }.Select(d => d.Value).Order(StringComparer.Ordinal),
            Manifests(plan).Select(d => d.Value).Order(StringComparer.Ordinal));
    }
}
