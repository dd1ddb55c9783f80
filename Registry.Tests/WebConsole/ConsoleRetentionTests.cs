using System.Net;
using System.Text.RegularExpressions;
using Registry.Tests.Api;

namespace Registry.Tests.WebConsole;

/// <summary>Retention policies and garbage collection in the console.</summary>
public sealed class ConsoleRetentionTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private async Task<string> PushAsync(params string[] tags)
    {
        string repository = Names.Unique("team");
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        foreach (string tag in tags)
        {
            await admin.PushImageAsync(repository, tag);
        }

        return repository;
    }

    private async Task<(ConsoleClient Admin, string PolicyPage)> CreatePolicyAsync(string repository, string name)
    {
        ConsoleClient admin = await fixture.SignedInAsync("admin");
        (_, string form) = await admin.GetAsync("/ui/retention");
        using HttpResponseMessage created = await admin.PostAsync("/ui/retention", "create-policy", ConsoleClient.AntiforgeryToken(form),
            [("name", name), ("repositories", repository), ("pushedCount", "1"), ("enabled", "true"), ("schedule", "")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (admin, created.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task DryRun_ListsWhatThePolicyWouldDelete_AndDeletesNothing()
    {
        string repository = await PushAsync("1.0", "2.0", "3.0");
        (ConsoleClient admin, string page) = await CreatePolicyAsync(repository, "keep-last-" + repository[^6..]);

        (HttpStatusCode status, string html) = await admin.SubmitAsync(page, "dry-run");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Dry run of", html);
        Assert.Contains("tag 1.0", html);
        Assert.Contains("tag 2.0", html);
        Assert.DoesNotContain("tag 3.0", html);
        Assert.Matches(new Regex("2 tags, 2 manifests, [0-9.]+ (B|KiB) to free"), html);
        using HttpClient registry = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage still = await registry.HeadAsync($"/v2/{repository}/manifests/1.0");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task RunNow_DeletesTheTags_AndTheOverviewShowsTheRun()
    {
        string repository = await PushAsync("1.0", "2.0");
        (ConsoleClient admin, string page) = await CreatePolicyAsync(repository, "run-" + repository[^6..]);

        (HttpStatusCode status, string html) = await admin.SubmitAsync(page, "run-now");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Deleted 1 tags", html);
        using HttpClient registry = fixture.Factory.CreateRegistryClient();
        using HttpResponseMessage gone = await registry.HeadAsync($"/v2/{repository}/manifests/1.0");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        (_, string overview) = await admin.GetAsync("/ui");
        Assert.Contains("Last retention run", overview);
        Assert.Contains("deleted 1 tags", overview);

        // Audited once, as the API's run is: the admin who pressed the button, the run's summary; the delete itself by the policy.
        string name = "run-" + repository[^6..];
        using System.Text.Json.JsonDocument audit = System.Text.Json.JsonDocument.Parse(await registry.GetStringAsync($"/api/v1/audit?target={name}"));
        var entries = audit.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Detail: e.GetProperty("detail").GetString()))
            .ToList();
        Assert.Equal(["retention.run", "retention.policy.create"], entries.Select(e => e.Action));
        Assert.Equal("admin", entries[0].Actor);
        Assert.Matches("^run [0-9]+: 1 tags, ", entries[0].Detail);
        using System.Text.Json.JsonDocument deletes = System.Text.Json.JsonDocument.Parse(await registry.GetStringAsync($"/api/v1/audit?action=tag.delete&target={repository}:1.0"));
        Assert.Equal("retention:" + name, Assert.Single(deletes.RootElement.GetProperty("entries").EnumerateArray()).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task CreatingAndDeletingAPolicy_InTheConsole_IsAuditedLikeThroughTheApi()
    {
        string repository = await PushAsync("1.0");
        string name = "audited-" + repository[^6..];
        (ConsoleClient admin, string page) = await CreatePolicyAsync(repository, name);

        (HttpStatusCode deleted, _) = await admin.SubmitAsync(page, "delete-policy");

        Assert.True(deleted is HttpStatusCode.OK or HttpStatusCode.Redirect, deleted.ToString());
        using HttpClient registry = fixture.Factory.CreateRegistryClient();
        using System.Text.Json.JsonDocument audit = System.Text.Json.JsonDocument.Parse(await registry.GetStringAsync($"/api/v1/audit?target={name}"));
        var entries = audit.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Detail: e.GetProperty("detail").GetString()))
            .ToList();
        Assert.Equal(["retention.policy.delete", "retention.policy.create"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("admin", e.Actor));
        Assert.All(entries, e => Assert.Contains($"on {repository}: keep the 1 most recently pushed", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidPolicy_IsRefusedWithTheReason_AndKeepsTheForm()
    {
        ConsoleClient admin = await fixture.SignedInAsync("admin");

        (HttpStatusCode status, string html) = await admin.SubmitAsync("/ui/retention", "create-policy",
            ("name", "bad-schedule"), ("repositories", "team/*"), ("pushedCount", "2"), ("schedule", "every day"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("notice error", html);
        Assert.Contains("value=\"every day\"", html);
    }

    [Fact]
    public async Task Maintainer_MayNotCreateOrRunPolicies()
    {
        ConsoleClient maintainer = await fixture.SignedInAsync("maintainer");
        (_, string page) = await maintainer.GetAsync("/ui/retention");
        Assert.DoesNotContain("create-policy", page);

        (HttpStatusCode status, _) = await maintainer.SubmitAsync("/ui/retention", "create-policy", ("name", "sneaky"), ("repositories", "team/*"), ("pushedCount", "1"));

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"a maintainer's policy answered {status}");
    }

    [Fact]
    public async Task GcPage_ShowsTheQueue_AndAdminsPreviewAndRunAPass()
    {
        ConsoleClient admin = await fixture.SignedInAsync("admin");
        ConsoleClient reader = await fixture.SignedInAsync("reader");

        (HttpStatusCode shown, string page) = await reader.GetAsync("/ui/gc");
        (HttpStatusCode previewed, string preview) = await admin.SubmitAsync("/ui/gc", "gc-preview");
        (HttpStatusCode ran, string run) = await admin.SubmitAsync("/ui/gc", "gc-run");
        (HttpStatusCode forged, _) = await reader.SubmitAsync("/ui/gc", "gc-run");

        Assert.Equal(HttpStatusCode.OK, shown);
        Assert.Contains("Reclaimable", page);
        Assert.DoesNotContain("Run a pass now", page);
        Assert.Equal(HttpStatusCode.OK, previewed);
        Assert.Contains("A pass now would remove", preview);
        Assert.Equal(HttpStatusCode.OK, ran);
        Assert.Contains("Removed ", run);
        Assert.True(forged is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden);
    }
}
