using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Artifacts;
using Registry.Api.Retention;
using Registry.Tests.Api.Auth;
using Registry.Tests.Api.Retention;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>
/// Scheduled artifact retention and its run history: schedules are validated as image policies' are, a due schedule
/// runs once through the scheduler (driven here directly) and is recorded and audited, every run (dry or real) is in
/// <c>.../retention/runs</c>, paged with a cursor, and a dry run records exactly what the real run then deletes.
/// </summary>
public sealed class ArtifactRetentionScheduleApiTests(RetentionRegistry registry) : IClassFixture<RetentionRegistry>
{
    private const string Artifact = "org/acme/app";

    private HttpClient Admin => registry.Admin;

    private static string Retention(string repo) => $"/api/v1/artifact-repositories/{repo}/retention";

    private async Task<string> RepositoryWithVersionsAsync(params string[] versions)
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        foreach (string version in versions)
        {
            await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/{version}/app-{version}.jar", Digests.RandomBytes(100));
            await Admin.DeployOkAsync($"/artifactory/{repo}/{Artifact}/{version}/app-{version}.pom", Digests.RandomBytes(10));
        }

        return repo;
    }

    private async Task<JsonElement> SetPolicyAsync(string repo, string? schedule, bool enabled = true)
    {
        using HttpResponseMessage response = await Admin.PutAsJsonAsync(Retention(repo),
            new { rules = new[] { new { kind = "highest-versions", count = 1 } }, schedule, enabled });
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> PostAsync(string url)
    {
        using HttpResponseMessage response = await Admin.PostAsync(url, null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];

    [Theory]
    [InlineData("every day at 3", "is not a Quartz cron expression")]
    [InlineData("0 0 3 * *", "is not a Quartz cron expression")]
    [InlineData("0 0 3 1 1 ? 2020", "never fires again")]
    public async Task ABadSchedule_IsRefusedWith400AndSaysWhy(string schedule, string problem)
    {
        string repo = await RepositoryWithVersionsAsync("1.0.0");
        using HttpResponseMessage response = await Admin.PutAsJsonAsync(Retention(repo), new { rules = new[] { new { kind = "highest-versions", count = 1 } }, schedule });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"schedule '{schedule}' {problem}", body);
        await Admin.GetJsonAsync(Retention(repo), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AGoodSchedule_IsStoredWithItsNextRun()
    {
        string repo = await RepositoryWithVersionsAsync("1.0.0");
        JsonElement set = await SetPolicyAsync(repo, "0 0 3 * * ?");
        JsonElement stored = await Admin.GetJsonAsync(Retention(repo));
        Assert.Equal(("0 0 3 * * ?", true), (stored.GetProperty("schedule").GetString(), stored.GetProperty("enabled").GetBoolean()));
        DateTimeOffset next = stored.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal((3, 0, 0), (next.UtcDateTime.Hour, next.Minute, next.Second));
        Assert.Equal(next, set.GetProperty("nextRunAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("lastScheduledAt").ValueKind);
    }

    [Fact]
    public async Task ADueSchedule_RunsOnce_MissedFireTimesCollapse_AndTheRunIsRecordedAndAudited()
    {
        string repo = await RepositoryWithVersionsAsync("1.0.0", "1.1.0", "2.0.0");
        await SetPolicyAsync(repo, "* * * * * ?");
        string disabled = await RepositoryWithVersionsAsync("1.0.0", "2.0.0");
        await SetPolicyAsync(disabled, "* * * * * ?", enabled: false);
        ArtifactRetentionScheduler scheduler = registry.Service<ArtifactRetentionScheduler>();
        Assert.DoesNotContain(await scheduler.RunDueAsync(CancellationToken.None), r => r.Repository == repo);

        registry.Clock.Advance(TimeSpan.FromMinutes(10));
        var run = Assert.Single(await scheduler.RunDueAsync(CancellationToken.None), r => r.Repository == repo || r.Repository == disabled);
        Assert.Equal((repo, "schedule", "scheduler", false, 2, 4), (run.Repository, run.Trigger, run.Actor, run.DryRun, run.VersionsDeleted, run.FilesDeleted));
        Assert.DoesNotContain(await scheduler.RunDueAsync(CancellationToken.None), r => r.Repository == repo);
        using HttpResponseMessage gone = await Admin.GetAsync($"/artifactory/{repo}/{Artifact}/1.1.0/app-1.1.0.jar");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        JsonElement history = await Admin.GetJsonAsync($"{Retention(repo)}/runs");
        JsonElement recorded = Assert.Single(history.GetProperty("runs").EnumerateArray());
        Assert.Equal((run.Id, "schedule", "succeeded", 2, 220L), (recorded.GetProperty("id").GetInt64(), recorded.GetProperty("trigger").GetString(),
            recorded.GetProperty("status").GetString(), recorded.GetProperty("versionsDeleted").GetInt32(), recorded.GetProperty("bytesFreed").GetInt64()));
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("details").ValueKind);
        JsonElement details = (await Admin.GetJsonAsync($"{Retention(repo)}/runs/{run.Id}")).GetProperty("details");
        Assert.Equal(["1.0.0", "1.1.0"], details.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).Order());
        Assert.Empty(Ids(await Admin.GetJsonAsync($"{Retention(disabled)}/runs")));

        JsonElement policy = await Admin.GetJsonAsync(Retention(repo));
        Assert.Equal(registry.Clock.GetUtcNow().ToUnixTimeMilliseconds(), policy.GetProperty("lastScheduledAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Single(await registry.AuditAsync($"action=artifact-retention.run&target={repo}"));
    }

    [Fact]
    public async Task RunHistory_PagesNewestFirstWithACursor()
    {
        string repo = await RepositoryWithVersionsAsync("1.0.0", "2.0.0");
        await SetPolicyAsync(repo, null);
        var ids = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add((await PostAsync($"{Retention(repo)}/{(i % 2 == 0 ? "dry-run" : "run")}")).GetProperty("runId").GetInt64());
        }

        JsonElement first = await Admin.GetJsonAsync($"{Retention(repo)}/runs?limit=2");
        Assert.Equal([ids[2], ids[1]], Ids(first));
        JsonElement second = await Admin.GetJsonAsync($"{Retention(repo)}/runs?limit=2&before={first.GetProperty("next").GetInt64()}");
        Assert.Equal([ids[0]], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal([true, false, true], (await Admin.GetJsonAsync($"{Retention(repo)}/runs")).GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("dryRun").GetBoolean()));

        await Admin.GetJsonAsync($"{Retention(repo)}/runs?limit=0", HttpStatusCode.BadRequest);
        await Admin.GetJsonAsync($"{Retention(repo)}/runs?before=x", HttpStatusCode.BadRequest);
        await Admin.GetJsonAsync($"{Retention(repo)}/runs/999999999", HttpStatusCode.NotFound);
        string other = await RepositoryWithVersionsAsync("1.0.0");
        await Admin.GetJsonAsync($"{Retention(other)}/runs/{ids[0]}", HttpStatusCode.NotFound);
        await Admin.GetJsonAsync("/api/v1/artifact-repositories/no-such-repo/retention/runs", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADryRun_RecordsExactlyWhatTheRealRunThenDeletes()
    {
        string repo = await RepositoryWithVersionsAsync("1.0.0", "1.1.0", "1.2.0", "2.0.0");
        await SetPolicyAsync(repo, null);
        JsonElement dryReport = await PostAsync($"{Retention(repo)}/dry-run");
        JsonElement realReport = await PostAsync($"{Retention(repo)}/run");

        JsonElement dry = await Admin.GetJsonAsync($"{Retention(repo)}/runs/{dryReport.GetProperty("runId").GetInt64()}");
        JsonElement real = await Admin.GetJsonAsync($"{Retention(repo)}/runs/{realReport.GetProperty("runId").GetInt64()}");
        Assert.Equal(("manual", true, false), (dry.GetProperty("trigger").GetString(), dry.GetProperty("dryRun").GetBoolean(), real.GetProperty("dryRun").GetBoolean()));
        Assert.Equal((3, 6, 330L), (dry.GetProperty("versionsDeleted").GetInt32(), dry.GetProperty("filesDeleted").GetInt32(), dry.GetProperty("bytesFreed").GetInt64()));
        foreach (string counter in new[] { "versionsDeleted", "filesDeleted", "bytesFreed", "errors" })
        {
            Assert.Equal(dry.GetProperty(counter).GetInt64(), real.GetProperty(counter).GetInt64());
        }

        Assert.Equal(dry.GetProperty("details").GetRawText(), real.GetProperty("details").GetRawText());
        Assert.Equal(dryReport.GetProperty("bytesDeleted").GetInt64(), real.GetProperty("bytesFreed").GetInt64());
        Assert.Single(await registry.AuditAsync($"action=artifact-retention.dry-run&target={repo}"));
        Assert.Single(await registry.AuditAsync($"action=artifact-retention.run&target={repo}"));
    }
}
