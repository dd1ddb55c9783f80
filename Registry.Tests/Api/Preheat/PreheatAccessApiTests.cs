using System.Net;
using System.Net.Http.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Preheat;

/// <summary>
/// Who may preheat: edges and rules are for global admins only (they hold credentials), a preheat needs push on the
/// repository, and a prefetch push on the remote's key; who may not even pull is told the thing does not exist.
/// </summary>
public sealed class PreheatAccessApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task EdgesAndRules_AreForGlobalAdminsOnly()
    {
        string ns = AuthRegistry.UniqueName("n");
        string nsAdmin = await registry.CreateUserAsync(("namespace", ns, "admin"));
        HttpClient client = registry.Basic(nsAdmin, AuthRegistry.Password);

        using HttpResponseMessage create = await client.PostAsJsonAsync("/api/v1/preheat/edges", new { name = "e1", url = "http://edge.example/", remoteKey = "origin" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using HttpResponseMessage list = await client.GetAsync("/api/v1/preheat/edges");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using HttpResponseMessage rule = await client.PostAsJsonAsync("/api/v1/preheat/rules", new { name = "r1", repository = ns + "/*", tag = ".*" });
        Assert.Equal(HttpStatusCode.Forbidden, rule.StatusCode);
        using HttpResponseMessage rules = await client.GetAsync("/api/v1/preheat/rules");
        Assert.Equal(HttpStatusCode.Forbidden, rules.StatusCode);
    }

    [Fact]
    public async Task Preheat_NeedsPushOnTheRepository()
    {
        string ns = AuthRegistry.UniqueName("n");
        await registry.PushImageAsync(ns + "/app", "1.0");
        string reader = await registry.CreateUserAsync(("namespace", ns, "reader"));
        string stranger = await registry.CreateUserAsync();

        using HttpResponseMessage denied = await registry.Basic(reader, AuthRegistry.Password)
            .PostAsJsonAsync("/api/v1/preheat", new { repository = ns + "/app", tag = "1.0" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("needs the push permission", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage hidden = await registry.Basic(stranger, AuthRegistry.Password)
            .PostAsJsonAsync("/api/v1/preheat", new { repository = ns + "/app", tag = "1.0" });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Prefetch_NeedsPushOnTheRemoteKey()
    {
        string key = AuthRegistry.UniqueName("k");
        using (HttpResponseMessage created = await registry.Admin.PostAsJsonAsync("/api/v1/artifact-repositories",
            new { key, type = "docker", @class = "remote", remote = new { url = "https://upstream.example" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        string reader = await registry.CreateUserAsync(("namespace", key, "reader"));
        using HttpResponseMessage denied = await registry.Basic(reader, AuthRegistry.Password)
            .PostAsJsonAsync($"/api/v1/remotes/{key}/prefetch", new { name = "team/app", reference = "1.0" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        string stranger = await registry.CreateUserAsync();
        using HttpResponseMessage hidden = await registry.Basic(stranger, AuthRegistry.Password)
            .PostAsJsonAsync($"/api/v1/remotes/{key}/prefetch", new { name = "team/app", reference = "1.0" });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
