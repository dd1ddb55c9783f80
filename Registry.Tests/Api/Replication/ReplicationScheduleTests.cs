using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Replication;
using Registry.Core.Replication;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Runs nobody asks for, between two registries of ours with a clock the tests move: a cron rule runs when its fire
/// time passes (once for any number of missed fire times; a disabled rule not at all), and a run that could not reach
/// the destination is retried at growing intervals until it succeeds or the attempts run out. The scheduler is driven
/// directly (<see cref="ReplicationScheduler.RunDueAsync"/>), except in the last test, where its job does it.
/// </summary>
public sealed class ReplicationScheduleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<string> CreateRuleAsync(AuthRegistry source, string name, string ns, object triggers, bool enabled = true)
    {
        using HttpResponseMessage created = await source.Admin.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name,
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" } },
            mapping = new { mode = "prefix", from = ns, to = "dr-" + ns },
            triggers,
            enabled,
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        return name;
    }

    private static async Task<JsonElement> ListRunsAsync(AuthRegistry source, string rule)
    {
        using HttpResponseMessage response = await source.Admin.GetAsync($"/api/v1/replication/rules/{rule}/runs");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static async Task<IReadOnlyList<ReplicationRun>> RunDueAsync(ScheduledReplicationPeers peers)
        => await peers.Source.Service<ReplicationScheduler>().RunDueAsync(None);

    /// <summary>Moves the clock to just before the next full hour; returns the time left to it (one second).</summary>
    private static TimeSpan AdvanceToJustBeforeTheHour(ManualClock clock)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        clock.Advance(next - now - TimeSpan.FromSeconds(1));
        return TimeSpan.FromSeconds(1);
    }

    [Fact]
    public async Task CronRule_RunsWhenItsFireTimePasses_AsItsActor_MissedFireTimesOnce_AndADisabledRuleNever()
    {
        using var peers = new ScheduledReplicationPeers();
        string ns = AuthRegistry.UniqueName("team");
        PushedManifest pushed = await peers.Source.PushImageAsync($"{ns}/app", "1.0");
        string rule = await CreateRuleAsync(peers.Source, "hourly-" + ns, ns, new { cron = "0 0 * * * ?", manual = false });
        string disabled = await CreateRuleAsync(peers.Source, "off-" + ns, ns, new { cron = "0 0 * * * ?" }, enabled: false);

        Assert.Empty(await RunDueAsync(peers));
        TimeSpan left = AdvanceToJustBeforeTheHour(peers.Clock);
        Assert.Empty(await RunDueAsync(peers));
        Assert.Equal(HttpStatusCode.NotFound, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", "1.0"));

        peers.Clock.Advance(left);
        ReplicationRun run = Assert.Single(await RunDueAsync(peers));
        Assert.Equal((rule, "cron", "replication:" + rule, ReplicationRun.Succeeded, 1), (run.Rule, run.Trigger, run.Actor, run.Status, run.Copied));
        DateTimeOffset fired = peers.Clock.GetUtcNow();
        Assert.Equal($"schedule '0 0 * * * ?' fired at {fired.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", run.Reason);
        Assert.Equal(HttpStatusCode.OK, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", pushed.Digest));
        Assert.Equal(HttpStatusCode.OK, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", "1.0"));
        Assert.Empty(await RunDueAsync(peers));

        // Three fire times pass while nothing polls: one run, not three.
        peers.Clock.Advance(TimeSpan.FromHours(3));
        ReplicationRun caughtUp = Assert.Single(await RunDueAsync(peers));
        Assert.Equal(("cron", 0, 1), (caughtUp.Trigger, caughtUp.Copied, caughtUp.Skipped));
        Assert.Empty(await RunDueAsync(peers));

        JsonElement runs = await ListRunsAsync(peers.Source, rule);
        Assert.Equal(["cron", "cron"], runs.EnumerateArray().Select(r => r.GetProperty("trigger").GetString()));
        Assert.Equal(0, (await ListRunsAsync(peers.Source, disabled)).GetArrayLength());
    }

    [Fact]
    public async Task CronRule_ChangedAfterItsLastRun_CountsItsNextFireTimeFromTheChange()
    {
        using var peers = new ScheduledReplicationPeers();
        string ns = AuthRegistry.UniqueName("team");
        await peers.Source.PushImageAsync($"{ns}/app", "1.0");
        string rule = await CreateRuleAsync(peers.Source, "daily-" + ns, ns, new { cron = "0 0 3 * * ?" });

        // Created at some time of day: the first run is at the next 03:00, not at once.
        peers.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("cron", Assert.Single(await RunDueAsync(peers)).Trigger);

        // Changed ten minutes later to every minute: it runs at the first minute after the change, not at once for
        // the minutes since its last run.
        peers.Clock.Advance(TimeSpan.FromMinutes(10));
        using HttpResponseMessage changed = await peers.Source.Admin.PatchAsJsonAsync($"/api/v1/replication/rules/{rule}", new { triggers = new { cron = "0 * * * * ?" } });
        await OciAssert.SuccessAsync(changed, HttpStatusCode.OK);
        Assert.Empty(await RunDueAsync(peers));
        peers.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await RunDueAsync(peers));
    }

    [Fact]
    public async Task CronRule_DueWhileItRuns_ElsewhereIsLeftForTheNextPass_AndRunsOnceThen()
    {
        using var peers = new ScheduledReplicationPeers();
        string ns = AuthRegistry.UniqueName("team");
        await peers.Source.PushImageAsync($"{ns}/app", "1.0");
        string rule = await CreateRuleAsync(peers.Source, "hourly-" + ns, ns, new { cron = "0 0 * * * ?" });
        peers.Clock.Advance(AdvanceToJustBeforeTheHour(peers.Clock));

        // Another node runs the rule: it holds the rule's lease.
        await using (Registry.Api.Jobs.HeldLease? other = await peers.Source.Service<Registry.Api.Jobs.JobLeases>()
            .TryTakeAsync("replication:" + rule, "another-node", TimeSpan.FromMinutes(1), None))
        {
            Assert.NotNull(other);
            Assert.Empty(await RunDueAsync(peers));
        }

        Assert.Equal("cron", Assert.Single(await RunDueAsync(peers)).Trigger);
        Assert.Empty(await RunDueAsync(peers));
    }

    [Fact]
    public async Task DestinationDown_TheFailedRunIsRetriedAtGrowingIntervals_UntilItIsBack_ThenNoMore()
    {
        using var peers = new ScheduledReplicationPeers(new Dictionary<string, string>
        {
            ["Registry:Replication:RetryFirstDelay"] = "00:00:30",
            ["Registry:Replication:RetryMaxDelay"] = "00:10:00",
            ["Registry:Replication:RetryAttempts"] = "5",
        });
        string ns = AuthRegistry.UniqueName("team");
        PushedManifest pushed = await peers.Source.PushImageAsync($"{ns}/app", "1.0");
        string rule = await CreateRuleAsync(peers.Source, "dr-" + ns, ns, new { manual = true });
        peers.DestinationDown = true;

        using HttpResponseMessage response = await peers.Source.Admin.PostAsync($"/api/v1/replication/rules/{rule}/run", null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using (JsonDocument failed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(("failed", true), (failed.RootElement.GetProperty("status").GetString(), failed.RootElement.GetProperty("unreachable").GetBoolean()));
            Assert.StartsWith("the other registry could not be reached", failed.RootElement.GetProperty("problem").GetString(), StringComparison.Ordinal);
        }

        long previous = (await ListRunsAsync(peers.Source, rule))[0].GetProperty("id").GetInt64();
        int attempt = 0;
        foreach (int wait in new[] { 30, 60 })
        {
            attempt++;
            Assert.Empty(await RunDueAsync(peers));
            peers.Clock.Advance(TimeSpan.FromSeconds(wait - 1));
            Assert.Empty(await RunDueAsync(peers));
            peers.Clock.Advance(TimeSpan.FromSeconds(1));
            ReplicationRun retry = Assert.Single(await RunDueAsync(peers));
            Assert.Equal(("retry", "replication:" + rule, ReplicationRun.FailedStatus, true), (retry.Trigger, retry.Actor, retry.Status, retry.Unreachable));
            Assert.Equal($"retry {attempt} of 5: run {previous} could not reach the other registry", retry.Reason);
            previous = retry.Id;
        }

        peers.DestinationDown = false;
        peers.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Empty(await RunDueAsync(peers));
        peers.Clock.Advance(TimeSpan.FromSeconds(1));
        ReplicationRun back = Assert.Single(await RunDueAsync(peers));
        Assert.Equal(("retry", ReplicationRun.Succeeded, false, 1), (back.Trigger, back.Status, back.Unreachable, back.Copied));
        Assert.Equal($"retry 3 of 5: run {previous} could not reach the other registry", back.Reason);
        Assert.Equal(HttpStatusCode.OK, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", pushed.Digest));

        peers.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await RunDueAsync(peers));
        JsonElement runs = await ListRunsAsync(peers.Source, rule);
        Assert.Equal(
            [("retry", "succeeded"), ("retry", "failed"), ("retry", "failed"), ("manual", "failed")],
            runs.EnumerateArray().Select(r => (r.GetProperty("trigger").GetString(), r.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task DestinationDown_RetriesStopAtTheLimitOfAttempts_AndADisabledRuleIsNotRetried()
    {
        using var peers = new ScheduledReplicationPeers(new Dictionary<string, string>
        {
            ["Registry:Replication:RetryFirstDelay"] = "00:01:00",
            ["Registry:Replication:RetryMaxDelay"] = "00:01:30",
            ["Registry:Replication:RetryAttempts"] = "2",
        });
        string ns = AuthRegistry.UniqueName("team");
        await peers.Source.PushImageAsync($"{ns}/app", "1.0");
        string rule = await CreateRuleAsync(peers.Source, "dr-" + ns, ns, new { manual = true });
        string other = await CreateRuleAsync(peers.Source, "other-" + ns, ns, new { manual = true });
        peers.DestinationDown = true;
        foreach (string name in new[] { rule, other })
        {
            using HttpResponseMessage run = await peers.Source.Admin.PostAsync($"/api/v1/replication/rules/{name}/run", null);
            await OciAssert.SuccessAsync(run, HttpStatusCode.OK);
        }

        using HttpResponseMessage disabled = await peers.Source.Admin.PatchAsJsonAsync($"/api/v1/replication/rules/{other}", new { enabled = false });
        await OciAssert.SuccessAsync(disabled, HttpStatusCode.OK);

        peers.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([rule], (await RunDueAsync(peers)).Select(r => r.Rule));
        peers.Clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal([rule], (await RunDueAsync(peers)).Select(r => r.Rule));
        peers.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await RunDueAsync(peers));
        Assert.Equal(3, (await ListRunsAsync(peers.Source, rule)).GetArrayLength());
        Assert.Equal(1, (await ListRunsAsync(peers.Source, other)).GetArrayLength());
    }

    [Fact]
    public async Task CronRule_ReplicatesThroughTheSchedulerJob_WhenTheClockPassesItsFireTime()
    {
        using var peers = new ScheduledReplicationPeers(new Dictionary<string, string> { ["Registry:Replication:PollInterval"] = "00:00:01" });
        string ns = AuthRegistry.UniqueName("team");
        PushedManifest pushed = await peers.Source.PushImageAsync($"{ns}/app", "2.0");
        string rule = await CreateRuleAsync(peers.Source, "hourly-" + ns, ns, new { cron = "0 0 * * * ?" });
        Assert.Equal(HttpStatusCode.NotFound, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", "2.0"));

        peers.Clock.Advance(AdvanceToJustBeforeTheHour(peers.Clock) + TimeSpan.FromSeconds(1));

        JsonElement runs = default;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            runs = await ListRunsAsync(peers.Source, rule);
            if (runs.GetArrayLength() > 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        JsonElement run = Assert.Single(runs.EnumerateArray());
        Assert.Equal(("cron", "replication:" + rule, "succeeded"), (run.GetProperty("trigger").GetString(), run.GetProperty("actor").GetString(), run.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", pushed.Digest));
        Assert.Equal(HttpStatusCode.OK, await peers.Destination.ManifestStatusAsync($"dr-{ns}/app", "2.0"));
    }
}
