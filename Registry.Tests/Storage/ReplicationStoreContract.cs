using Registry.Core.Replication;
using Registry.Core.Transfer;

namespace Registry.Tests.Storage;

/// <summary>What every metadata store must do with replication rules, on each <see cref="MetadataBackend"/>.</summary>
public sealed class ReplicationStoreContract : BackendContract<IReplicationStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReplicationRule Rule(string name, bool full = false)
    {
        Assert.Null(TransferFilter.TryCreate(full ? ["team/**", "base/*"] : null, full ? ["regex:^v[0-9]+$"] : null, full ? ">=17.0.0 <18" : null, full, out TransferFilter? filter));
        return new ReplicationRule(
            name,
            full ? ReplicationDirection.Pull : ReplicationDirection.Push,
            new ReplicationPeer(new Uri("https://peer.example.com:5000/"), full ? "robot" : null, full ? "CfDJ8-protected" : null),
            filter!,
            full ? new NamespaceMapping(NamespaceMappingMode.Flatten, string.Empty, "dr") : NamespaceMapping.Identity,
            full ? new ReplicationTriggers(false, "0 */5 * * * ?", true) : ReplicationTriggers.ManualOnly,
            Overwrite: full,
            PropagateDeletes: full,
            Enabled: !full,
            "alice",
            At,
            At.AddMinutes(1));
    }

    private static void AssertSame(ReplicationRule expected, ReplicationRule? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Describe(), actual.Describe());
        Assert.Equal(
            (expected.Name, expected.Direction, expected.Peer, expected.Mapping, expected.Triggers, expected.Overwrite, expected.PropagateDeletes, expected.Enabled, expected.CreatedBy, expected.CreatedAt, expected.UpdatedAt),
            (actual.Name, actual.Direction, actual.Peer, actual.Mapping, actual.Triggers, actual.Overwrite, actual.PropagateDeletes, actual.Enabled, actual.CreatedBy, actual.CreatedAt, actual.UpdatedAt));
        Assert.Equal(expected.Filter.Describe(), actual.Filter.Describe());
    }

    [Theory, MetadataBackends]
    public async Task Create_ThenGetAndList_RoundTripsEveryField(MetadataBackend backend)
    {
        IReplicationStore store = await CreateStoreAsync(backend);

        Assert.True(await store.CreateReplicationRuleAsync(Rule("zeta", full: true), None));
        Assert.True(await store.CreateReplicationRuleAsync(Rule("alpha"), None));

        AssertSame(Rule("zeta", full: true), await store.GetReplicationRuleAsync("zeta", None));
        AssertSame(Rule("alpha"), await store.GetReplicationRuleAsync("alpha", None));
        Assert.Null(await store.GetReplicationRuleAsync("missing", None));
        Assert.Equal(["alpha", "zeta"], (await store.ListReplicationRulesAsync(None)).Select(r => r.Name));
    }

    [Theory, MetadataBackends]
    public async Task Create_WithATakenName_ReturnsFalse_AndKeepsTheFirst(MetadataBackend backend)
    {
        IReplicationStore store = await CreateStoreAsync(backend);
        await store.CreateReplicationRuleAsync(Rule("dr"), None);

        Assert.False(await store.CreateReplicationRuleAsync(Rule("dr", full: true), None));
        AssertSame(Rule("dr"), await store.GetReplicationRuleAsync("dr", None));
    }

    [Theory, MetadataBackends]
    public async Task UpdateAndDelete_ChangeOnlyAnExistingRule(MetadataBackend backend)
    {
        IReplicationStore store = await CreateStoreAsync(backend);
        await store.CreateReplicationRuleAsync(Rule("dr"), None);
        ReplicationRule changed = Rule("dr", full: true) with { CreatedAt = At, CreatedBy = "alice" };

        Assert.True(await store.UpdateReplicationRuleAsync(changed, None));
        Assert.False(await store.UpdateReplicationRuleAsync(Rule("missing"), None));
        AssertSame(changed, await store.GetReplicationRuleAsync("dr", None));

        Assert.True(await store.DeleteReplicationRuleAsync("dr", None));
        Assert.False(await store.DeleteReplicationRuleAsync("dr", None));
        Assert.Empty(await store.ListReplicationRulesAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task Runs_AreListedNewestFirst_PerRule_AndGoWithTheirRule(MetadataBackend backend)
    {
        IReplicationStore store = await CreateStoreAsync(backend);
        await store.CreateReplicationRuleAsync(Rule("dr"), None);
        await store.CreateReplicationRuleAsync(Rule("other"), None);
        ReplicationRun Run(string rule, int minute, string status) => new(0, rule, "manual", "admin", At.AddMinutes(minute), At.AddMinutes(minute + 1), status,
            1, 2, minute, 3, 4, 5, 1234, 42, null, [new ReplicationItem("team/app", "1.0", "dr/app", "sha256:" + new string('a', 64), ReplicationOutcome.Skipped, "up to date")]);

        ReplicationRun first = await store.AddReplicationRunAsync(Run("dr", 0, ReplicationRun.Succeeded), None);
        ReplicationRun second = await store.AddReplicationRunAsync(Run("dr", 5, ReplicationRun.FailedStatus), None);
        await store.AddReplicationRunAsync(Run("other", 7, ReplicationRun.Succeeded), None);

        IReadOnlyList<ReplicationRun> runs = await store.ListReplicationRunsAsync("dr", 10, None);
        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
        Assert.True(second.Id > first.Id);
        ReplicationRun read = runs[0];
        Assert.Equal((At.AddMinutes(5), At.AddMinutes(6), ReplicationRun.FailedStatus, 5, 1234L, 42), (read.StartedAt, read.EndedAt, read.Status, read.Failed, read.Bytes, read.Requests));
        Assert.Equal(Run("dr", 5, ReplicationRun.FailedStatus).Items, read.Items);
        Assert.Single(await store.ListReplicationRunsAsync("dr", 1, None));

        await store.DeleteReplicationRuleAsync("dr", None);
        Assert.Empty(await store.ListReplicationRunsAsync("dr", 10, None));
        Assert.Single(await store.ListReplicationRunsAsync("other", 10, None));
    }

    [Theory, MetadataBackends]
    public async Task LatestRun_ByTrigger_IsTheRulesNewestRunWithIt_AndKeepsTheUnreachableFlag(MetadataBackend backend)
    {
        IReplicationStore store = await CreateStoreAsync(backend);
        await store.CreateReplicationRuleAsync(Rule("dr"), None);
        await store.CreateReplicationRuleAsync(Rule("other"), None);
        ReplicationRun Run(string rule, string trigger, int minute, bool unreachable = false) => new(0, rule, trigger, "replication:" + rule, At.AddMinutes(minute), At.AddMinutes(minute), ReplicationRun.FailedStatus,
            0, 0, 0, 0, 0, 0, 0, 1, unreachable ? "the other registry could not be reached: HEAD /v2/" : null, [])
        {
            Unreachable = unreachable,
        };

        Assert.Null(await store.LatestReplicationRunAsync("dr", "cron", None));
        await store.AddReplicationRunAsync(Run("dr", "cron", 0), None);
        ReplicationRun latestCron = await store.AddReplicationRunAsync(Run("dr", "cron", 10, unreachable: true), None);
        ReplicationRun retry = await store.AddReplicationRunAsync(Run("dr", "retry", 11, unreachable: true), None);
        await store.AddReplicationRunAsync(Run("dr", "manual", 12), None);
        await store.AddReplicationRunAsync(Run("other", "cron", 20), None);

        ReplicationRun? read = await store.LatestReplicationRunAsync("dr", "cron", None);
        Assert.Equal((latestCron.Id, "cron", At.AddMinutes(10), true), (read?.Id, read?.Trigger, read?.StartedAt, read?.Unreachable));
        Assert.Equal(retry.Id, (await store.LatestReplicationRunAsync("dr", "retry", None))?.Id);
        Assert.False((await store.LatestReplicationRunAsync("dr", "manual", None))!.Unreachable);
        Assert.Null(await store.LatestReplicationRunAsync("dr", "push", None));
        Assert.Null(await store.LatestReplicationRunAsync("missing", "cron", None));

        await store.DeleteReplicationRuleAsync("dr", None);
        Assert.Null(await store.LatestReplicationRunAsync("dr", "cron", None));
        Assert.NotNull(await store.LatestReplicationRunAsync("other", "cron", None));
    }
}
