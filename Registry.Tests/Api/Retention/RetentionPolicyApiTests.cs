using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Retention;

/// <summary><c>/api/v1/retention/policies</c>: what a policy must look like, who may do what, and the audit trail.</summary>
public sealed class RetentionPolicyApiTests(RetentionRegistry registry) : IClassFixture<RetentionRegistry>
{
    private static object Policy(string name, string scope, string? schedule = null) => new
    {
        name,
        description = "keep releases",
        repositories = new[] { scope },
        rules = new object[] { new { kind = "most-recently-pushed", count = 10 }, new { kind = "matching", pattern = @"v?\d+\.\d+\.\d+" } },
        untaggedOlderThan = "7.00:00:00",
        schedule,
    };

    [Fact]
    public async Task Create_Get_Update_Delete_ByIdOrName_AreAudited()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string name = AuthRegistry.UniqueName("p");
        using HttpResponseMessage created = await RetentionApi.CreateAsync(registry.Admin, Policy(name, ns + "/*", "0 0 3 * * ?"));
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        JsonElement policy = await RetentionApi.JsonAsync(created);
        long id = policy.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/retention/policies/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal((name, true, ns + "/*", "7.00:00:00", "0 0 3 * * ?", "admin"),
            (policy.GetProperty("name").GetString(), policy.GetProperty("enabled").GetBoolean(), policy.GetProperty("repositories")[0].GetString(),
             policy.GetProperty("untaggedOlderThan").GetString(), policy.GetProperty("schedule").GetString(), policy.GetProperty("createdBy").GetString()));
        Assert.Equal(2, policy.GetProperty("rules").GetArrayLength());
        DateTimeOffset next = policy.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal((3, 0, 0), (next.Hour, next.Minute, next.Second));
        Assert.True(next > registry.Clock.GetUtcNow());

        Assert.Equal(id, (await RetentionApi.GetAsync(registry.Admin, $"{RetentionApi.Policies}/{name}")).GetProperty("id").GetInt64());
        Assert.Contains((await RetentionApi.GetAsync(registry.Admin, RetentionApi.Policies)).GetProperty("policies").EnumerateArray(), p => p.GetProperty("id").GetInt64() == id);

        using HttpResponseMessage updated = await registry.Admin.PutAsJsonAsync($"{RetentionApi.Policies}/{id}", new
        {
            name, enabled = false, repositories = new[] { ns + "/app" }, rules = new[] { new { kind = "highest-versions", count = 3 } },
        });
        await OciAssert.SuccessAsync(updated, HttpStatusCode.OK);
        JsonElement changed = await RetentionApi.JsonAsync(updated);
        Assert.Equal((false, ns + "/app", JsonValueKind.Null, JsonValueKind.Null), (changed.GetProperty("enabled").GetBoolean(),
            changed.GetProperty("repositories")[0].GetString(), changed.GetProperty("schedule").ValueKind, changed.GetProperty("nextRunAt").ValueKind));

        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"{RetentionApi.Policies}/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage gone = await registry.Admin.GetAsync($"{RetentionApi.Policies}/{id}");
        await OciAssert.ErrorAsync(gone, HttpStatusCode.NotFound, "NAME_UNKNOWN");
        Assert.Equal(["retention.policy.delete", "retention.policy.update", "retention.policy.create"],
            (await registry.AuditAsync($"target={name}")).Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Create_WithATakenName_Is409()
    {
        string name = AuthRegistry.UniqueName("p");
        await RetentionApi.CreatePolicyAsync(registry.Admin, Policy(name, "*"));
        using HttpResponseMessage again = await RetentionApi.CreateAsync(registry.Admin, Policy(name, "*"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"repositories":["*"],"rules":[{"kind":"most-recently-pushed","count":1}]}""", "name")]
    [InlineData("""{"name":"7up","repositories":["*"],"rules":[{"kind":"most-recently-pushed","count":1}]}""", "name")]
    [InlineData("""{"name":"p","rules":[{"kind":"most-recently-pushed","count":1}]}""", "repositories")]
    [InlineData("""{"name":"p","repositories":["Team/*"],"rules":[{"kind":"most-recently-pushed","count":1}]}""", "repository scope")]
    [InlineData("""{"name":"p","repositories":["*"]}""", "keep rules")]
    [InlineData("""{"name":"p","repositories":["*"],"rules":[{"kind":"keep-everything"}]}""", "rules[0]")]
    [InlineData("""{"name":"p","repositories":["*"],"rules":[{"kind":"most-recently-pushed"}]}""", "needs a count")]
    [InlineData("""{"name":"p","repositories":["*"],"rules":[{"kind":"matching","pattern":"(a)\\1"}]}""", "rules[0]")]
    [InlineData("""{"name":"p","repositories":["*"],"rules":[{"kind":"recent"}]}""", "pushedWithin")]
    [InlineData("""{"name":"p","repositories":["*"],"untaggedOlderThan":"00:05:00"}""", "at least")]
    [InlineData("""{"name":"p","repositories":["*"],"rules":[{"kind":"most-recently-pushed","count":1}],"schedule":"every day"}""", "cron")]
    [InlineData("""{"name":"p","repositories":["*"],"rules":[{"kind":"recent","pushedWithin":"soon"}]}""", "JSON")]
    [InlineData("""not json""", "JSON")]
    public async Task Create_Invalid_Is400WithAClearMessage(string body, string expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await registry.Admin.PostAsync(RetentionApi.Policies, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string message = (await RetentionApi.JsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maintainers_ReadAndDryRunPoliciesOfTheirNamespace_ButOnlyAdminsChangeOrRunThem()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string maintainer = await registry.CreateUserAsync(("namespace", ns, "maintainer"));
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"));
        string stranger = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("other"), "maintainer"));
        string name = AuthRegistry.UniqueName("p");
        await registry.Admin.PushImageAsync(ns + "/app", "old");
        await RetentionApi.CreatePolicyAsync(registry.Admin, Policy(name, ns + "/*"));
        string everywhere = AuthRegistry.UniqueName("p");
        await RetentionApi.CreatePolicyAsync(registry.Admin, Policy(everywhere, "*"));
        HttpClient asMaintainer = registry.Basic(maintainer, AuthRegistry.Password);

        Assert.Equal(name, (await RetentionApi.GetAsync(asMaintainer, $"{RetentionApi.Policies}/{name}")).GetProperty("name").GetString());
        List<string?> visible = [.. (await RetentionApi.GetAsync(asMaintainer, RetentionApi.Policies)).GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("name").GetString())];
        Assert.Contains(name, visible);
        Assert.DoesNotContain(everywhere, visible);
        JsonElement dryRun = await RetentionApi.RunAsync(asMaintainer, name, dryRun: true);
        Assert.Equal(maintainer, dryRun.GetProperty("actor").GetString());
        Assert.Equal(dryRun.GetProperty("id").GetInt64(), (await RetentionApi.GetAsync(asMaintainer, $"/api/v1/retention/runs?policy={name}")).GetProperty("runs")[0].GetProperty("id").GetInt64());

        foreach (HttpRequestMessage request in new[]
                 {
                     new HttpRequestMessage(HttpMethod.Post, $"{RetentionApi.Policies}/{name}/run"),
                     new HttpRequestMessage(HttpMethod.Delete, $"{RetentionApi.Policies}/{name}"),
                     new HttpRequestMessage(HttpMethod.Put, $"{RetentionApi.Policies}/{name}") { Content = JsonContent.Create(Policy(name, ns + "/*")) },
                     new HttpRequestMessage(HttpMethod.Post, RetentionApi.Policies) { Content = JsonContent.Create(Policy(AuthRegistry.UniqueName("p"), ns + "/*")) },
                 })
        {
            using HttpResponseMessage denied = await asMaintainer.SendAsync(request);
            await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        }

        foreach (string user in new[] { developer, stranger })
        {
            HttpClient client = registry.Basic(user, AuthRegistry.Password);
            using HttpResponseMessage hidden = await client.GetAsync($"{RetentionApi.Policies}/{name}");
            await OciAssert.ErrorAsync(hidden, HttpStatusCode.NotFound, "NAME_UNKNOWN");
            using HttpResponseMessage noDryRun = await client.PostAsync($"{RetentionApi.Policies}/{name}/dry-run", null);
            await OciAssert.ErrorAsync(noDryRun, HttpStatusCode.NotFound, "NAME_UNKNOWN");
            Assert.DoesNotContain((await RetentionApi.GetAsync(client, "/api/v1/retention/runs")).GetProperty("runs").EnumerateArray(),
                r => r.GetProperty("policy").GetString() == name);
        }

        using HttpResponseMessage anonymous = await registry.Anonymous().GetAsync(RetentionApi.Policies);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(["old"], await RetentionApi.TagsAsync(registry.Admin, ns + "/app"));
    }

    [Fact]
    public async Task ARealRun_WhileAnotherNodeHoldsThePolicysRunLease_Is409AndRecordsNothing_ADryRunStillGoes()
    {
        string name = AuthRegistry.UniqueName("p");
        string ns = AuthRegistry.UniqueName("locked");
        long id = (await RetentionApi.CreatePolicyAsync(registry.Admin, Policy(name, ns + "/*"))).GetProperty("id").GetInt64();
        Registry.Core.Storage.IMetadataStore metadata = registry.Service<Registry.Core.Storage.IMetadataStore>();
        Assert.True(await metadata.TryAcquireLeaseAsync($"retention:{id}", "another-node", TimeSpan.FromMinutes(5), CancellationToken.None));

        using (HttpResponseMessage busy = await registry.Admin.PostAsync($"{RetentionApi.Policies}/{name}/run", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        }

        JsonElement dry = await RetentionApi.RunAsync(registry.Admin, name, dryRun: true);
        await metadata.ReleaseLeaseAsync($"retention:{id}", "another-node", CancellationToken.None);
        JsonElement real = await RetentionApi.RunAsync(registry.Admin, name, dryRun: false);
        JsonElement runs = await RetentionApi.GetAsync(registry.Admin, $"/api/v1/retention/runs?policy={name}");
        Assert.Equal([real.GetProperty("id").GetInt64(), dry.GetProperty("id").GetInt64()],
            runs.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }
}
