using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Artifacts;

/// <summary>
/// Remote and virtual repositories through <c>/api/v1/artifact-repositories</c> (settings nested under
/// <c>remote</c> and <c>virtual</c>; the password write-only) and through Artifactory's configuration API (its
/// field names, who may use it, its answers); the audit names class and upstream, never the password.
/// </summary>
public sealed class RemoteAndVirtualRepositoryApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task ManagementApi_CreatesARemoteAndAVirtual_ShowsTheirSettings_AndNeverThePassword()
    {
        string remote = AuthRegistry.UniqueName("hub"), local = AuthRegistry.UniqueName("team"), images = AuthRegistry.UniqueName("images");
        using HttpResponseMessage created = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories", new
        {
            key = remote, type = "docker", @class = "remote",
            remote = new { url = "https://registry-1.docker.io", username = "bot", password = "hub-secret-77", mirror = true, aliases = new[] { "docker.io" } },
        });
        string createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        Assert.DoesNotContain("hub-secret-77", createdText, StringComparison.Ordinal);
        using HttpResponseMessage localCreated = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key = local, type = "docker" });
        Assert.Equal(HttpStatusCode.Created, localCreated.StatusCode);
        using HttpResponseMessage virtualCreated = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories", new
        {
            key = images, type = "docker", @class = "virtual", @virtual = new { repositories = new[] { local, remote }, defaultDeploymentRepo = local },
        });
        Assert.Equal(HttpStatusCode.Created, virtualCreated.StatusCode);

        JsonElement shown = await Admin.GetJsonAsync($"/api/v1/artifact-repositories/{remote}");
        Assert.Equal(("remote", "docker"), (shown.GetProperty("class").GetString(), shown.GetProperty("type").GetString()));
        JsonElement settings = shown.GetProperty("remote");
        Assert.Equal(("https://registry-1.docker.io/", "bot", true, true), (settings.GetProperty("url").GetString(), settings.GetProperty("username").GetString(),
            settings.GetProperty("hasPassword").GetBoolean(), settings.GetProperty("mirror").GetBoolean()));
        Assert.False(settings.TryGetProperty("password", out _));
        JsonElement members = (await Admin.GetJsonAsync($"/api/v1/artifact-repositories/{images}")).GetProperty("virtual");
        Assert.Equal([local, remote], members.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()));

        using HttpResponseMessage patched = await Admin.PatchAsJsonAsync($"/api/v1/artifact-repositories/{remote}", new { remote = new { password = "", username = "" } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.False((await Admin.GetJsonAsync($"/api/v1/artifact-repositories/{remote}")).GetProperty("remote").GetProperty("hasPassword").GetBoolean());

        using HttpResponseMessage refused = await Admin.DeleteAsync($"/api/v1/artifact-repositories/{remote}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(images, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        JsonElement audit = Assert.Single(await registry.AuditAsync("action=artifact-repository.create"), e => e.GetProperty("target").GetString() == remote);
        Assert.Equal("type=docker class=remote url=https://registry-1.docker.io/", audit.GetProperty("detail").GetString());
        Assert.DoesNotContain("hub-secret-77", (await registry.AuditAsync()).Select(e => e.GetRawText()).Aggregate(string.Empty, string.Concat), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"key":"k","class":"remote","type":"maven"}""", "remote.url")]
    [InlineData("""{"key":"k","class":"remote","type":"maven","remote":{"url":"https://repo.example.com/","retrievalCachePeriodSecs":-5}}""", "remote.retrievalCachePeriodSecs")]
    [InlineData("""{"key":"k","class":"virtual","type":"maven","virtual":{"repositories":["no-such-repo"]}}""", "virtual.repositories")]
    [InlineData("""{"key":"k","class":"galactic"}""", "class")]
    [InlineData("""{"key":"k","remote":{"url":"https://repo.example.com/"}}""", "remote.url")]
    public async Task ManagementApi_NamesTheOffendingSetting(string body, string field)
    {
        using var content = new StringContent(body.Replace("\"k\"", $"\"{AuthRegistry.UniqueName("k")}\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await Admin.PostAsync("/api/v1/artifact-repositories", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task ArtifactoryConfigApi_NeedsAnAdminOfTheKey_AndAnswersInArtifactorysShapes()
    {
        string key = AuthRegistry.UniqueName("cache");
        string developer = await registry.CreateUserAsync(("namespace", key, "developer"));
        using HttpClient dev = registry.Basic(developer, AuthRegistry.Password);
        using HttpClient anonymous = registry.Anonymous();
        string body = """{"rclass":"remote","packageType":"generic","url":"https://downloads.example.com/files/"}""";

        using HttpResponseMessage devPut = await dev.PutAsync($"/artifactory/api/repositories/{key}", Json(body));
        using HttpResponseMessage anonymousPut = await anonymous.PutAsync($"/artifactory/api/repositories/{key}", Json(body));
        using HttpResponseMessage mismatch = await Admin.PutAsync($"/artifactory/api/repositories/{key}", Json("""{"key":"other","rclass":"local"}"""));
        using HttpResponseMessage noClass = await Admin.PutAsync($"/artifactory/api/repositories/{key}", Json("""{"packageType":"generic"}"""));
        using HttpResponseMessage notJson = await Admin.PutAsync($"/artifactory/api/repositories/{key}", Json("{"));
        using HttpResponseMessage put = await Admin.PutAsync($"/artifactory/api/repositories/{key}", Json(body));
        using HttpResponseMessage again = await Admin.PutAsync($"/artifactory/api/repositories/{key}", Json(body));
        using HttpResponseMessage devPost = await dev.PostAsync($"/artifactory/api/repositories/{key}", Json("""{"offline":true}"""));
        using HttpResponseMessage classChange = await Admin.PostAsync($"/artifactory/api/repositories/{key}", Json("""{"rclass":"local"}"""));
        using HttpResponseMessage unknown = await Admin.PostAsync($"/artifactory/api/repositories/{AuthRegistry.UniqueName("none")}", Json("""{"offline":true}"""));

        await ArtifactRequests.ErrorAsync(devPut, HttpStatusCode.Forbidden);
        await ArtifactRequests.ErrorAsync(anonymousPut, HttpStatusCode.Unauthorized);
        foreach (HttpResponseMessage bad in new[] { mismatch, noClass, notJson, again, classChange })
        {
            await ArtifactRequests.ErrorAsync(bad, HttpStatusCode.BadRequest);
        }

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await ArtifactRequests.ErrorAsync(devPost, HttpStatusCode.Forbidden);
        await ArtifactRequests.ErrorAsync(unknown, HttpStatusCode.NotFound);
        JsonElement config = await dev.GetJsonAsync($"/artifactory/api/repositories/{key}");
        Assert.Equal(("remote", "generic", false), (config.GetProperty("rclass").GetString(), config.GetProperty("packageType").GetString(), config.GetProperty("offline").GetBoolean()));
        JsonElement listed = Assert.Single((await dev.GetJsonAsync("/artifactory/api/repositories")).EnumerateArray(), e => e.GetProperty("key").GetString() == key);
        Assert.Equal(("REMOTE", "https://downloads.example.com/files/"), (listed.GetProperty("type").GetString(), listed.GetProperty("url").GetString()));
        await ArtifactRequests.ErrorAsync(await Admin.GetAsync("/artifactory/api/repositories?type=federated"), HttpStatusCode.BadRequest);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
