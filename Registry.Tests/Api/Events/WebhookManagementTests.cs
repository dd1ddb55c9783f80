using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary><c>/api/v1/webhooks</c>: create, read, change, delete; secrets and header values never shown; validation; global admins only; audited.</summary>
public sealed class WebhookManagementTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await OciAssert.SuccessAsync(response, status);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static object Valid(string name) => new
    {
        name,
        url = "https://hooks.example.com/registry?token=abc",
        secret = WebhookRegistry.Secret,
        headers = new Dictionary<string, string> { ["Authorization"] = "Bearer very-secret" },
        namespaces = new[] { "team" },
        repositories = new[] { "other/app" },
        repositoryPattern = "^base/.+$",
        actions = new[] { "push", "delete" },
    };

    [Fact]
    public async Task Create_ThenReadListChangeAndDelete_NeverShowingSecretsOrHeaderValues()
    {
        string name = AuthRegistry.UniqueName("hook");
        using HttpResponseMessage createdResponse = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", Valid(name));
        JsonElement created = await JsonAsync(createdResponse, HttpStatusCode.Created);
        string id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/webhooks/{id}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal("admin", created.GetProperty("createdBy").GetString());
        Assert.Equal(["Authorization"], created.GetProperty("headerNames").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(["push", "delete"], created.GetProperty("actions").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("^base/.+$", created.GetProperty("repositoryPattern").GetString());

        using HttpResponseMessage read = await registry.Admin.GetAsync($"/api/v1/webhooks/{id}");
        using HttpResponseMessage list = await registry.Admin.GetAsync("/api/v1/webhooks");
        string readText = await read.Content.ReadAsStringAsync();
        string listText = await list.Content.ReadAsStringAsync();
        foreach (string text in new[] { readText, listText, created.GetRawText() })
        {
            Assert.DoesNotContain(WebhookRegistry.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"secret\"", text, StringComparison.Ordinal);
        }

        Assert.Contains((await JsonAsync(list, HttpStatusCode.OK)).EnumerateArray(), w => w.GetProperty("id").GetString() == id);

        using HttpResponseMessage patched = await registry.Admin.PatchAsJsonAsync($"/api/v1/webhooks/{id}",
            new { enabled = false, actions = new[] { "pull" }, repositoryPattern = "", secret = "another-secret-0123456789" });
        JsonElement changed = await JsonAsync(patched, HttpStatusCode.OK);
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.Equal(["pull"], changed.GetProperty("actions").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("repositoryPattern").ValueKind);
        Assert.Equal(["team"], changed.GetProperty("namespaces").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(created.GetProperty("url").GetString(), changed.GetProperty("url").GetString());

        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage gone = await registry.Admin.GetAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using HttpResponseMessage deletedTwice = await registry.Admin.DeleteAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, deletedTwice.StatusCode);
    }

    [Fact]
    public async Task CreateUpdateAndDelete_AreAudited_WithoutSecretsOrQueryStrings()
    {
        string name = AuthRegistry.UniqueName("hook");
        using HttpResponseMessage created = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", Valid(name));
        string id = (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        (await registry.Admin.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { secret = "rotated-secret-0123456789" })).Dispose();
        (await registry.Admin.DeleteAsync($"/api/v1/webhooks/{id}")).Dispose();

        List<JsonElement> entries = [.. (await registry.AuditAsync("action=webhook.*")).Where(e => e.GetProperty("target").GetString() == name)];

        Assert.Equal(["webhook.delete", "webhook.update", "webhook.create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.Contains("https://hooks.example.com/registry", entries[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("secret changed", entries[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        string all = string.Join('\n', entries.Select(e => e.GetRawText()));
        Assert.DoesNotContain("token=abc", all, StringComparison.Ordinal);
        Assert.DoesNotContain("rotated-secret", all, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookRegistry.Secret, all, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"url":"http://x.test/","secret":"0123456789abcdef"}""", "needs a name" },
        { """{"name":"n1","secret":"0123456789abcdef"}""", "needs a name, a url and a secret" },
        { """{"name":"n1","url":"http://x.test/"}""", "needs a name, a url and a secret" },
        { """{"name":"N1","url":"http://x.test/","secret":"0123456789abcdef"}""", "name" },
        { """{"name":"n1","url":"ftp://x.test/","secret":"0123456789abcdef"}""", "url" },
        { """{"name":"n1","url":"/relative","secret":"0123456789abcdef"}""", "url" },
        { """{"name":"n1","url":"http://user:pw@x.test/","secret":"0123456789abcdef"}""", "url" },
        { """{"name":"n1","url":"http://x.test/","secret":"short"}""", "secret" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","actions":["push","tagged"]}""", "actions" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","actions":["ping"]}""", "actions" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","namespaces":["a/b"]}""", "namespace" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","repositories":["UPPER/case"]}""", "repository" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","repositoryPattern":"(unclosed"}""", "repositoryPattern" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","headers":{"X-Registry-Event":"x"}}""", "set by the registry" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","headers":{"Content-Type":"text/plain"}}""", "set by the registry" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","headers":{"Bad Name":"x"}}""", "header name" },
        { """{"name":"n1","url":"http://x.test/","secret":"0123456789abcdef","headers":{"X-Ok":"line\r\nInjected: 1"}}""", "control characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_WithAnInvalidBody_Is400_NamingTheProblem(string body, string problem)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await registry.Admin.PostAsync("/api/v1/webhooks", content);

        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(problem, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateOrRename_ToATakenName_Is409()
    {
        string first = AuthRegistry.UniqueName("hook");
        string second = AuthRegistry.UniqueName("hook");
        (await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", Valid(first))).Dispose();
        using HttpResponseMessage created = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", Valid(second));
        string id = (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        using HttpResponseMessage duplicate = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", Valid(first));
        using HttpResponseMessage renamed = await registry.Admin.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { name = first });
        using HttpResponseMessage invalid = await registry.Admin.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { url = "nope" });
        using HttpResponseMessage unknown = await registry.Admin.PatchAsJsonAsync("/api/v1/webhooks/no-such-hook", new { enabled = false });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Webhooks_NeedTheGlobalAdminRole()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string namespaceAdmin = await registry.CreateUserAsync(("namespace", ns, "admin"));
        using HttpResponseMessage created = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", Valid(AuthRegistry.UniqueName("hook")));
        string id = (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using HttpClient user = registry.Basic(namespaceAdmin, AuthRegistry.Password);
        using HttpClient anonymous = registry.Anonymous();

        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, "/api/v1/webhooks", null),
            (HttpMethod.Post, "/api/v1/webhooks", Valid(AuthRegistry.UniqueName("hook"))),
            (HttpMethod.Get, $"/api/v1/webhooks/{id}", null),
            (HttpMethod.Patch, $"/api/v1/webhooks/{id}", new { enabled = false }),
            (HttpMethod.Delete, $"/api/v1/webhooks/{id}", null),
            (HttpMethod.Get, $"/api/v1/webhooks/{id}/deliveries", null),
            (HttpMethod.Post, $"/api/v1/webhooks/{id}/test", null),
        };
        foreach ((HttpMethod method, string url, object? body) in attempts)
        {
            foreach ((HttpClient client, HttpStatusCode expected) in new[] { (user, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
            {
                using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
                using HttpResponseMessage response = await client.SendAsync(request);
                Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode}");
            }
        }

        using HttpResponseMessage still = await registry.Admin.GetAsync($"/api/v1/webhooks/{id}");
        Assert.True((await JsonAsync(still, HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());
    }
}
