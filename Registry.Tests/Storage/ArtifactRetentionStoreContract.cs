using Registry.Core.Artifacts;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every store must do for scheduled artifact retention and its run history, written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class ArtifactRetentionStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ArtifactRetentionPolicy Policy(string? schedule, bool enabled = true)
        => new([new KeepRuleSpec(KeepRules.HighestVersions, Count: 1)], ["release"], "alice", T0, schedule, enabled);

    private async Task<(IArtifactStore Artifacts, IArtifactRetentionStore Retention)> StoreAsync(MetadataBackend backend, params string[] repositories)
    {
        IMetadataStore metadata = await CreateStoreAsync(backend);
        var artifacts = (IArtifactStore)metadata;
        foreach (string key in repositories)
        {
            Assert.True(await artifacts.CreateArtifactRepositoryAsync(new ArtifactRepository(key, ArtifactRepositoryType.Maven, false, null, T0, "admin"), None));
        }

        return (artifacts, (IArtifactRetentionStore)metadata);
    }

    private static ArtifactRetentionRun Run(string repository, bool dryRun, int minute, params string[] versions) => new(
        0, repository, RetentionRun.Manual, "alice", dryRun, T0.AddMinutes(minute), T0.AddMinutes(minute).AddSeconds(3), versions.Length, versions.Length * 2,
        versions.Length * 100L, 0,
        new ArtifactRetentionRunDetails([.. versions.Select(v => new ArtifactRunVersion("org/acme/app", v, [$"org/acme/app/{v}/app-{v}.jar", $"org/acme/app/{v}/app-{v}.pom"], 100))], []));

    [Theory, MetadataBackends]
    public async Task Schedules_AreStored_Listed_AndAScheduledRunIsClaimedOnce_ThroughPolicyReplacement(MetadataBackend backend)
    {
        (IArtifactStore artifacts, IArtifactRetentionStore retention) = await StoreAsync(backend, "libs", "apps", "manual");
        Assert.True(await artifacts.SetRetentionPolicyAsync("libs", Policy("0 0 3 * * ?"), None));
        Assert.True(await artifacts.SetRetentionPolicyAsync("apps", Policy("0 0 4 * * ?", enabled: false), None));
        Assert.True(await artifacts.SetRetentionPolicyAsync("manual", Policy(null), None));

        IReadOnlyList<ScheduledArtifactRetention> scheduled = await retention.ListScheduledRetentionAsync(None);
        Assert.Equal([("apps", "0 0 4 * * ?", false), ("libs", "0 0 3 * * ?", true)], scheduled.Select(s => (s.Repository, s.Policy.Schedule, s.Policy.Enabled)));
        Assert.Null(scheduled[1].Policy.LastScheduledAt);
        Assert.Equal(["release"], scheduled[1].Policy.KeepProperties);

        DateTimeOffset at = T0.AddDays(1);
        Assert.True(await retention.ClaimScheduledRetentionRunAsync("libs", null, at, None));
        Assert.False(await retention.ClaimScheduledRetentionRunAsync("libs", null, at, None));
        Assert.False(await retention.ClaimScheduledRetentionRunAsync("nope", null, at, None));
        Assert.Equal(at, (await artifacts.GetRetentionPolicyAsync("libs", None))!.LastScheduledAt);

        Assert.True(await artifacts.SetRetentionPolicyAsync("libs", Policy("0 0 5 * * ?") with { UpdatedAt = T0.AddDays(2) }, None));
        ArtifactRetentionPolicy replaced = (await artifacts.GetRetentionPolicyAsync("libs", None))!;
        Assert.Equal(("0 0 5 * * ?", at, T0.AddDays(2)), (replaced.Schedule, replaced.LastScheduledAt, replaced.UpdatedAt));
        Assert.False(await retention.ClaimScheduledRetentionRunAsync("libs", null, at.AddDays(1), None));
        Assert.True(await retention.ClaimScheduledRetentionRunAsync("libs", at, at.AddDays(1), None));
    }

    [Theory, MetadataBackends]
    public async Task Runs_AreRecordedWithDetails_PagedNewestFirstPerRepository_AndGoWithTheRepository(MetadataBackend backend)
    {
        (IArtifactStore artifacts, IArtifactRetentionStore retention) = await StoreAsync(backend, "libs", "apps");
        Assert.True(await artifacts.SetRetentionPolicyAsync("libs", Policy(null), None));
        ArtifactRetentionRun first = await retention.AddRetentionRunAsync(Run("libs", dryRun: true, 0, "1.0", "1.1"), None);
        ArtifactRetentionRun other = await retention.AddRetentionRunAsync(Run("apps", dryRun: false, 1, "3.0"), None);
        ArtifactRetentionRun second = await retention.AddRetentionRunAsync(Run("libs", dryRun: false, 2, "1.0", "1.1"), None);
        ArtifactRetentionRun third = await retention.AddRetentionRunAsync(Run("libs", dryRun: false, 3) with { Errors = 1, Details = new([], ["the run stopped: disk full"]) }, None);
        Assert.True(first.Id < second.Id && second.Id < third.Id);

        IReadOnlyList<ArtifactRetentionRun> page = await retention.ListRetentionRunsAsync("libs", null, 2, None);
        Assert.Equal([third.Id, second.Id], page.Select(r => r.Id));
        Assert.All(page, r => Assert.Null(r.Details));
        Assert.Equal(second with { Details = null }, page[1]);
        Assert.Equal([first.Id], (await retention.ListRetentionRunsAsync("libs", page[^1].Id, 2, None)).Select(r => r.Id));

        ArtifactRetentionRun stored = (await retention.GetRetentionRunAsync("libs", second.Id, None))!;
        Assert.Equal((second.Trigger, second.Actor, second.DryRun, second.StartedAt, second.FinishedAt), (stored.Trigger, stored.Actor, stored.DryRun, stored.StartedAt, stored.FinishedAt));
        Assert.Equal((2, 4, 200L, 0), (stored.VersionsDeleted, stored.FilesDeleted, stored.BytesFreed, stored.Errors));
        Assert.Equal(second.Details!.Versions.Select(v => (v.Artifact, v.Version, string.Join(",", v.Paths), v.Bytes)),
            stored.Details!.Versions.Select(v => (v.Artifact, v.Version, string.Join(",", v.Paths), v.Bytes)));
        Assert.Equal(["the run stopped: disk full"], (await retention.GetRetentionRunAsync("libs", third.Id, None))!.Details!.Errors);
        Assert.Null(await retention.GetRetentionRunAsync("libs", other.Id, None));

        Assert.True(await artifacts.RemoveRetentionPolicyAsync("libs", None));
        Assert.Equal(3, (await retention.ListRetentionRunsAsync("libs", null, 10, None)).Count);
        Assert.NotNull(await artifacts.DeleteArtifactRepositoryAsync("libs", None));
        Assert.Empty(await retention.ListRetentionRunsAsync("libs", null, 10, None));
        Assert.Single(await retention.ListRetentionRunsAsync("apps", null, 10, None));
    }
}
