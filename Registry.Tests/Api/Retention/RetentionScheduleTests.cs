using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Retention;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Retention;

/// <summary>Scheduled runs: the scheduler's poll (driven here directly) runs due policies once and records them.</summary>
public sealed class RetentionScheduleTests(RetentionRegistry registry) : IClassFixture<RetentionRegistry>
{
    [Fact]
    public async Task ADuePolicy_RunsOnceOnSchedule_AndTheRunIsRecorded()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        for (int i = 1; i <= 3; i++)
        {
            await registry.Admin.PushImageAsync(repository, $"build-{i}");
            registry.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        string name = AuthRegistry.UniqueName("every-second");
        await RetentionApi.CreatePolicyAsync(registry.Admin, new
        {
            name,
            repositories = new[] { repository },
            rules = new[] { new { kind = "most-recently-pushed", count = 1 } },
            schedule = "* * * * * ?",
        });
        RetentionScheduler scheduler = registry.Service<RetentionScheduler>();
        Assert.DoesNotContain(await scheduler.RunDueAsync(CancellationToken.None), r => r.PolicyName == name);

        registry.Clock.Advance(TimeSpan.FromSeconds(2));
        var run = Assert.Single(await scheduler.RunDueAsync(CancellationToken.None), r => r.PolicyName == name);
        Assert.Equal(("schedule", "scheduler", false, 2), (run.Trigger, run.Actor, run.DryRun, run.TagsDeleted));
        Assert.DoesNotContain(await scheduler.RunDueAsync(CancellationToken.None), r => r.PolicyName == name);
        Assert.Equal(["build-3"], await RetentionApi.TagsAsync(registry.Admin, repository));

        JsonElement history = await RetentionApi.GetAsync(registry.Admin, $"/api/v1/retention/runs?policy={name}");
        JsonElement recorded = Assert.Single(history.GetProperty("runs").EnumerateArray());
        Assert.Equal((run.Id, "schedule", "succeeded", 2), (recorded.GetProperty("id").GetInt64(), recorded.GetProperty("trigger").GetString(),
            recorded.GetProperty("status").GetString(), recorded.GetProperty("tagsDeleted").GetInt32()));
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("details").ValueKind);
        JsonElement policy = await RetentionApi.GetAsync(registry.Admin, $"{RetentionApi.Policies}/{name}");
        Assert.Equal(registry.Clock.GetUtcNow().ToUnixTimeMilliseconds(), policy.GetProperty("lastScheduledAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        JsonElement audited = Assert.Single(await registry.AuditAsync($"action=retention.run&target={name}"));
        Assert.Equal(("scheduler", run.Summarize(), true, JsonValueKind.Null),
            (audited.GetProperty("actor").GetString(), audited.GetProperty("detail").GetString(), audited.GetProperty("success").GetBoolean(), audited.GetProperty("clientAddress").ValueKind));
    }

    [Fact]
    public async Task DisabledPolicies_AndPoliciesWithoutASchedule_NeverRunOnSchedule()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        await registry.Admin.PushImageAsync(repository, "a");
        await registry.Admin.PushImageAsync(repository, "b");
        string disabled = AuthRegistry.UniqueName("off");
        string manual = AuthRegistry.UniqueName("manual");
        var rules = new[] { new { kind = "most-recently-pushed", count = 1 } };
        await RetentionApi.CreatePolicyAsync(registry.Admin, new { name = disabled, enabled = false, repositories = new[] { repository }, rules, schedule = "* * * * * ?" });
        await RetentionApi.CreatePolicyAsync(registry.Admin, new { name = manual, repositories = new[] { repository }, rules });

        registry.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(await registry.Service<RetentionScheduler>().RunDueAsync(CancellationToken.None), r => r.PolicyName == disabled || r.PolicyName == manual);
        Assert.Equal(2, (await RetentionApi.TagsAsync(registry.Admin, repository)).Count);
    }

    [Fact]
    public async Task RunHistory_PagesNewestFirstWithACursor()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        await registry.Admin.PushImageAsync(repository, "a");
        string name = AuthRegistry.UniqueName("paged");
        await RetentionApi.CreatePolicyAsync(registry.Admin, new { name, repositories = new[] { repository }, rules = new[] { new { kind = "most-recently-pushed", count = 1 } } });
        var ids = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add((await RetentionApi.RunAsync(registry.Admin, name, dryRun: i % 2 == 0)).GetProperty("id").GetInt64());
        }

        JsonElement first = await RetentionApi.GetAsync(registry.Admin, $"/api/v1/retention/runs?policy={name}&limit=2");
        Assert.Equal([ids[2], ids[1]], first.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        long next = first.GetProperty("next").GetInt64();
        JsonElement second = await RetentionApi.GetAsync(registry.Admin, $"/api/v1/retention/runs?policy={name}&limit=2&before={next}");
        Assert.Equal([ids[0]], second.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        using HttpResponseMessage badLimit = await registry.Admin.GetAsync("/api/v1/retention/runs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        using HttpResponseMessage unknown = await registry.Admin.GetAsync("/api/v1/retention/runs/999999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using HttpResponseMessage noPolicy = await registry.Admin.PostAsJsonAsync($"{RetentionApi.Policies}/no-such-policy/run", new { });
        Assert.Equal(HttpStatusCode.NotFound, noPolicy.StatusCode);
    }
}
