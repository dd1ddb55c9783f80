using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>The storage info API (files, folders), properties (read, set on files and folders, delete) and the three searches.</summary>
public sealed class ArtifactStorageApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    /// <summary>Search results come in repository and path order; the repository keys here are random.</summary>
    private static List<string> Sorted(params string[] paths) => [.. paths.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task StorageInfo_DescribesFilesAndFolders_AndAnUnknownPathIs404()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(321);
        await Admin.DeployOkAsync($"/artifactory/{repo}/org/app/1.0/app-1.0.jar", content);
        await Admin.DeployOkAsync($"/artifactory/{repo}/org/app/1.0/app-1.0.pom", Digests.RandomBytes(10));
        await Admin.DeployOkAsync($"/artifactory/{repo}/org/readme.txt", Digests.RandomBytes(10));

        JsonElement file = await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/org/app/1.0/app-1.0.jar");
        Assert.Equal("321", file.GetProperty("size").GetString());
        Assert.Equal("application/java-archive", file.GetProperty("mimeType").GetString());
        Assert.Equal(ArtifactRequests.Sha256(content), file.GetProperty("checksums").GetProperty("sha256").GetString());
        Assert.EndsWith($"/artifactory/api/storage/{repo}/org/app/1.0/app-1.0.jar", file.GetProperty("uri").GetString());
        Assert.True(DateTimeOffset.TryParse(file.GetProperty("created").GetString(), out _));

        JsonElement folder = await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/org");
        Assert.Equal("/org", folder.GetProperty("path").GetString());
        Assert.Equal([("/app", true), ("/readme.txt", false)],
            folder.GetProperty("children").EnumerateArray().Select(c => (c.GetProperty("uri").GetString(), c.GetProperty("folder").GetBoolean())));
        JsonElement root = await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}");
        Assert.Equal("/org", Assert.Single(root.GetProperty("children").EnumerateArray()).GetProperty("uri").GetString());

        using HttpResponseMessage missing = await Admin.GetAsync($"/artifactory/api/storage/{repo}/nope");
        await ArtifactRequests.ErrorAsync(missing, HttpStatusCode.NotFound);
        using HttpResponseMessage unknownRepo = await Admin.GetAsync("/artifactory/api/storage/nosuchrepo/x");
        await ArtifactRequests.ErrorAsync(unknownRepo, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Properties_AreSetOnFilesAndFolders_ReadByName_AndDeleted()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        await Admin.DeployOkAsync($"/artifactory/{repo}/rel/a.zip", [1]);
        await Admin.DeployOkAsync($"/artifactory/{repo}/rel/b.zip", [2]);

        using HttpResponseMessage set = await Admin.PutAsync($"/artifactory/api/storage/{repo}/rel?properties=qa=passed|os=linux,mac", null);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        JsonElement properties = (await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/rel/b.zip?properties")).GetProperty("properties");
        Assert.Equal(["linux", "mac"], properties.GetProperty("os").EnumerateArray().Select(v => v.GetString()));
        JsonElement only = (await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/rel/a.zip?properties=qa")).GetProperty("properties");
        Assert.Equal(["qa"], only.EnumerateObject().Select(p => p.Name));

        using HttpResponseMessage delete = await Admin.DeleteAsync($"/artifactory/api/storage/{repo}/rel/a.zip?properties=qa,os");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using HttpResponseMessage none = await Admin.GetAsync($"/artifactory/api/storage/{repo}/rel/a.zip?properties");
        await ArtifactRequests.ErrorAsync(none, HttpStatusCode.NotFound);

        using HttpResponseMessage badName = await Admin.PutAsync($"/artifactory/api/storage/{repo}/rel/a.zip?properties=bad%20name=1", null);
        await ArtifactRequests.ErrorAsync(badName, HttpStatusCode.BadRequest);
        using HttpResponseMessage missing = await Admin.PutAsync($"/artifactory/api/storage/{repo}/rel/none.zip?properties=a=1", null);
        await ArtifactRequests.ErrorAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Searches_FindByChecksumNameAndProperty_LimitedToTheRepositoriesAsked()
    {
        string one = await Admin.CreateArtifactRepositoryAsync();
        string two = await Admin.CreateArtifactRepositoryAsync();
        byte[] shared = Digests.RandomBytes(64);
        string tag = AuthRegistry.UniqueName("build");
        await Admin.DeployOkAsync($"/artifactory/{one}/x/{tag}-app.jar;build.name={tag};build.number=1", shared);
        await Admin.DeployOkAsync($"/artifactory/{two}/y/{tag}-app.jar;build.name={tag};build.number=2", shared);
        await Admin.DeployOkAsync($"/artifactory/{two}/y/{tag}-app.zip;build.name={tag}", Digests.RandomBytes(3));

        Assert.Equal(Sorted($"{one}/x/{tag}-app.jar", $"{two}/y/{tag}-app.jar"),
            ArtifactRequests.ResultPaths(await Admin.GetJsonAsync($"/artifactory/api/search/checksum?sha256={ArtifactRequests.Sha256(shared)}")));
        Assert.Equal([$"{two}/y/{tag}-app.jar"],
            ArtifactRequests.ResultPaths(await Admin.GetJsonAsync($"/artifactory/api/search/checksum?sha1={ArtifactRequests.Sha1(shared)}&repos={two}")));
        Assert.Equal(Sorted($"{one}/x/{tag}-app.jar", $"{two}/y/{tag}-app.jar"),
            ArtifactRequests.ResultPaths(await Admin.GetJsonAsync($"/artifactory/api/search/artifact?name={tag}-*.JAR")));
        Assert.Equal([$"{two}/y/{tag}-app.jar", $"{two}/y/{tag}-app.zip"],
            ArtifactRequests.ResultPaths(await Admin.GetJsonAsync($"/artifactory/api/search/prop?build.name={tag}&repos={two}")));
        Assert.Equal([$"{one}/x/{tag}-app.jar"],
            ArtifactRequests.ResultPaths(await Admin.GetJsonAsync($"/artifactory/api/search/prop?build.name={tag}&build.number=1,3")));

        using HttpResponseMessage badChecksum = await Admin.GetAsync("/artifactory/api/search/checksum?sha1=xyz");
        await ArtifactRequests.ErrorAsync(badChecksum, HttpStatusCode.BadRequest);
        using HttpResponseMessage noName = await Admin.GetAsync("/artifactory/api/search/artifact");
        await ArtifactRequests.ErrorAsync(noName, HttpStatusCode.BadRequest);
    }
}
