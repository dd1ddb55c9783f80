using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary><c>/api/v1/replication/rules</c>: create, read, list, change, delete; the password never shown; validation as problem details; global admins only; audited.</summary>
public sealed class ReplicationRuleApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private const string Secret = "peer-password-0123";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await OciAssert.SuccessAsync(response, status);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static object Valid(string name) => new
    {
        name,
        direction = "push",
        registry = new { url = "https://dr.example.com:5443", username = "robot", password = Secret },
        filter = new { repositories = new[] { "team/**" }, tags = new[] { "v*" }, versions = ">=1.0.0 <2" },
        mapping = new { mode = "prefix", from = "team", to = "dr/team" },
        triggers = new { onPush = true, cron = "0 0 3 * * ?" },
        overwrite = true,
    };

    [Fact]
    public async Task Create_ThenReadListChangeAndDelete_NeverShowingThePassword()
    {
        string name = AuthRegistry.UniqueName("rule");
        using HttpResponseMessage createdResponse = await registry.Admin.PostAsJsonAsync("/api/v1/replication/rules", Valid(name));
        JsonElement created = await JsonAsync(createdResponse, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/replication/rules/{name}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal("push", created.GetProperty("direction").GetString());
        Assert.Equal("https://dr.example.com:5443/", created.GetProperty("registry").GetProperty("url").GetString());
        Assert.True(created.GetProperty("registry").GetProperty("hasPassword").GetBoolean());
        Assert.Equal(">=1.0.0 <2", created.GetProperty("filter").GetProperty("versions").GetString());
        Assert.Equal("prefix", created.GetProperty("mapping").GetProperty("mode").GetString());
        Assert.True(created.GetProperty("triggers").GetProperty("onPush").GetBoolean());
        Assert.True(created.GetProperty("triggers").GetProperty("manual").GetBoolean());
        Assert.True(created.GetProperty("overwrite").GetBoolean());
        Assert.False(created.GetProperty("propagateDeletes").GetBoolean());
        Assert.Equal("admin", created.GetProperty("createdBy").GetString());

        using HttpResponseMessage read = await registry.Admin.GetAsync($"/api/v1/replication/rules/{name}");
        using HttpResponseMessage list = await registry.Admin.GetAsync("/api/v1/replication/rules");
        foreach (string text in new[] { await read.Content.ReadAsStringAsync(), await list.Content.ReadAsStringAsync(), created.GetRawText() })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"password\"", text, StringComparison.Ordinal);
        }

        Assert.Contains((await JsonAsync(list, HttpStatusCode.OK)).EnumerateArray(), r => r.GetProperty("name").GetString() == name);

        using HttpResponseMessage patched = await registry.Admin.PatchAsJsonAsync($"/api/v1/replication/rules/{name}",
            new { enabled = false, mapping = new { mode = "flatten" } });
        JsonElement changed = await JsonAsync(patched, HttpStatusCode.OK);
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.Equal("flatten", changed.GetProperty("mapping").GetProperty("mode").GetString());
        Assert.Equal("robot", changed.GetProperty("registry").GetProperty("username").GetString());
        Assert.True(changed.GetProperty("registry").GetProperty("hasPassword").GetBoolean());

        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/api/v1/replication/rules/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage gone = await registry.Admin.GetAsync($"/api/v1/replication/rules/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task CreateUpdateAndDelete_AreAudited_WithoutThePassword()
    {
        string name = AuthRegistry.UniqueName("rule");
        (await registry.Admin.PostAsJsonAsync("/api/v1/replication/rules", Valid(name))).Dispose();
        (await registry.Admin.PatchAsJsonAsync($"/api/v1/replication/rules/{name}", new { registry = new { password = "rotated-password" } })).Dispose();
        (await registry.Admin.DeleteAsync($"/api/v1/replication/rules/{name}")).Dispose();

        List<JsonElement> entries = [.. (await registry.AuditAsync("action=replication.*")).Where(e => e.GetProperty("target").GetString() == name)];

        Assert.Equal(["replication.delete", "replication.update", "replication.create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Contains("push to https://dr.example.com:5443 as robot", entries[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("password changed", entries[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        string all = string.Join('\n', entries.Select(e => e.GetRawText()));
        Assert.DoesNotContain(Secret, all, StringComparison.Ordinal);
        Assert.DoesNotContain("rotated-password", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"r1"}""", "registry.url")]
    [InlineData("""{"name":"r1","registry":{"url":"https://x.test/path"}}""", "registry.url")]
    [InlineData("""{"name":"r1","registry":{"url":"https://x.test"},"filter":{"versions":">=x"}}""", "filter")]
    [InlineData("""{"name":"r1","registry":{"url":"https://x.test"},"direction":"pull","triggers":{"onPush":true}}""", "triggers.onPush")]
    [InlineData("""{"name":"r1","registry":{"url":"https://x.test"},"triggers":{"cron":"nightly"}}""", "triggers.cron")]
    public async Task Create_WithAnInvalidBody_Is400_NamingTheField(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await registry.Admin.PostAsync("/api/v1/replication/rules", content);

        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdmins_Get403_AndATakenName_Is409()
    {
        string name = AuthRegistry.UniqueName("rule");
        (await registry.Admin.PostAsJsonAsync("/api/v1/replication/rules", Valid(name))).Dispose();
        string user = await registry.CreateUserAsync(("namespace", "team", "admin"));
        HttpClient client = registry.Basic(user, AuthRegistry.Password);

        using HttpResponseMessage listed = await client.GetAsync("/api/v1/replication/rules");
        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/replication/rules", Valid(AuthRegistry.UniqueName("rule")));
        using HttpResponseMessage duplicate = await registry.Admin.PostAsJsonAsync("/api/v1/replication/rules", Valid(name));

        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }
}
