using System.Net;
using System.Net.Http.Json;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>
/// The repository key is a namespace for roles: reader downloads and searches, developer deploys, maintainer
/// deletes; CI tokens log in with Basic (token name, secret); anonymous callers get a Basic challenge.
/// </summary>
public sealed class ArtifactAccessApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    private async Task<(string Repo, string Path)> RepositoryWithFileAsync()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        await Admin.DeployOkAsync($"/artifactory/{repo}/f/a.txt", [1, 2, 3]);
        return (repo, $"/artifactory/{repo}/f/a.txt");
    }

    [Fact]
    public async Task Anonymous_Gets401WithABasicChallenge()
    {
        (string repo, string path) = await RepositoryWithFileAsync();
        using HttpClient anonymous = registry.Anonymous();
        foreach (HttpResponseMessage response in new[] { await anonymous.GetAsync(path), await anonymous.DeployAsync(path, [1]), await anonymous.GetAsync($"/artifactory/api/storage/{repo}/f") })
        {
            using (response)
            {
                await ArtifactRequests.ErrorAsync(response, HttpStatusCode.Unauthorized);
                Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString());
            }
        }

        using HttpClient wrong = registry.Basic("admin", "wrong-password");
        using HttpResponseMessage refused = await wrong.GetAsync(path);
        await ArtifactRequests.ErrorAsync(refused, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reader_MayDownloadAndSearch_ButNotDeployOrDelete()
    {
        (string repo, string path) = await RepositoryWithFileAsync();
        string user = await registry.CreateUserAsync(("namespace", repo, "reader"));
        using HttpClient reader = registry.Basic(user, AuthRegistry.Password);
        using HttpResponseMessage get = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Single(ArtifactRequests.ResultPaths(await reader.GetJsonAsync($"/artifactory/api/search/artifact?name=a.txt&repos={repo}")));

        using HttpResponseMessage deploy = await reader.DeployAsync(path, [9]);
        Assert.Contains("developer", await ArtifactRequests.ErrorAsync(deploy, HttpStatusCode.Forbidden));
        using HttpResponseMessage delete = await reader.DeleteAsync(path);
        Assert.Contains("maintainer", await ArtifactRequests.ErrorAsync(delete, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Developer_MayDeploy_MaintainerMayDelete_AndOtherRepositoriesStayInvisible()
    {
        (string repo, string path) = await RepositoryWithFileAsync();
        (string other, _) = await RepositoryWithFileAsync();
        string developer = await registry.CreateUserAsync(("namespace", repo, "developer"));
        string maintainer = await registry.CreateUserAsync(("namespace", repo, "maintainer"));
        using HttpClient dev = registry.Basic(developer, AuthRegistry.Password);
        await dev.DeployOkAsync($"/artifactory/{repo}/f/b.txt", [4]);
        using HttpResponseMessage devDelete = await dev.DeleteAsync(path);
        await ArtifactRequests.ErrorAsync(devDelete, HttpStatusCode.Forbidden);
        using HttpResponseMessage otherGet = await dev.GetAsync($"/artifactory/{other}/f/a.txt");
        await ArtifactRequests.ErrorAsync(otherGet, HttpStatusCode.Forbidden);
        Assert.Empty(ArtifactRequests.ResultPaths(await dev.GetJsonAsync($"/artifactory/api/search/artifact?name=a.txt&repos={other}")));

        using HttpClient maint = registry.Basic(maintainer, AuthRegistry.Password);
        using HttpResponseMessage deleted = await maint.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task CiToken_LogsInWithItsNameAndSecret_AndIsBoundByItsActions()
    {
        (string repo, string path) = await RepositoryWithFileAsync();
        CreatedCiToken token = await registry.CreateCiTokenAsync([repo], ["pull", "push"]);
        using HttpClient ci = registry.Basic(token.Name, token.Secret);
        byte[] content = Digests.RandomBytes(50);
        await ci.DeployOkAsync($"/artifactory/{repo}/ci/build.zip", content);
        using HttpResponseMessage get = await ci.GetAsync($"/artifactory/{repo}/ci/build.zip");
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        using HttpResponseMessage delete = await ci.DeleteAsync(path);
        await ArtifactRequests.ErrorAsync(delete, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ManagementApi_CreatesListsUpdatesAndDeletesRepositories_ForAdminsOnly()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        using HttpResponseMessage duplicate = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key = repo, type = "maven" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        foreach (object invalid in new object[] { new { key = "Bad Key" }, new { key = "api" }, new { key = "ok1", type = "rubygems" } })
        {
            using HttpResponseMessage refused = await Admin.PostAsJsonAsync("/api/v1/artifact-repositories", invalid);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using HttpResponseMessage patched = await Admin.PatchAsJsonAsync($"/api/v1/artifact-repositories/{repo}", new { allowRedeploy = true, description = "changed" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var shown = await Admin.GetJsonAsync($"/api/v1/artifact-repositories/{repo}");
        Assert.Equal(("maven", true, "changed"), (shown.GetProperty("type").GetString(), shown.GetProperty("allowRedeploy").GetBoolean(), shown.GetProperty("description").GetString()));
        Assert.Contains((await Admin.GetJsonAsync("/api/v1/artifact-repositories")).GetProperty("repositories").EnumerateArray(), r => r.GetProperty("key").GetString() == repo);

        string developer = await registry.CreateUserAsync(("namespace", repo, "developer"));
        using HttpClient dev = registry.Basic(developer, AuthRegistry.Password);
        using HttpResponseMessage devCreate = await dev.PostAsJsonAsync("/api/v1/artifact-repositories", new { key = AuthRegistry.UniqueName("x") });
        Assert.Equal(HttpStatusCode.Forbidden, devCreate.StatusCode);
        using HttpResponseMessage devDelete = await dev.DeleteAsync($"/api/v1/artifact-repositories/{repo}");
        Assert.Equal(HttpStatusCode.Forbidden, devDelete.StatusCode);
        Assert.Single((await dev.GetJsonAsync("/api/v1/artifact-repositories")).GetProperty("repositories").EnumerateArray());

        await Admin.DeployOkAsync($"/artifactory/{repo}/com/x/y/1/y-1.jar", [1]);
        using HttpResponseMessage deleted = await Admin.DeleteAsync($"/api/v1/artifact-repositories/{repo}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage gone = await Admin.GetAsync($"/artifactory/{repo}/com/x/y/1/y-1.jar");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(await registry.AuditAsync("action=artifact-repository.delete"), e => e.GetProperty("target").GetString() == repo);
    }
}
