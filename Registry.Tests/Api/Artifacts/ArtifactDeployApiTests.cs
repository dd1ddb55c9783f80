using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>
/// Deploy and download under <c>/artifactory/</c>: checksums computed while streaming and verified against the
/// headers sent, matrix parameters as properties, deploy by checksum, download headers, conditional and ranged GETs,
/// deletes and path validation.
/// </summary>
public sealed class ArtifactDeployApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task Deploy_StoresTheFile_AnswersArtifactoryJson_AndDownloadCarriesChecksumsAndValidators()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(5000);
        JsonElement deployed = await Admin.DeployOkAsync($"/artifactory/{repo}/tools/cli/1.0/cli-1.0.tar.gz", content,
            ("X-Checksum-Sha1", ArtifactRequests.Sha1(content)), ("X-Checksum-Md5", ArtifactRequests.Md5(content).ToUpperInvariant()));

        Assert.Equal(repo, deployed.GetProperty("repo").GetString());
        Assert.Equal("/tools/cli/1.0/cli-1.0.tar.gz", deployed.GetProperty("path").GetString());
        Assert.Equal("5000", deployed.GetProperty("size").GetString());
        Assert.Equal("admin", deployed.GetProperty("createdBy").GetString());
        Assert.EndsWith($"/artifactory/{repo}/tools/cli/1.0/cli-1.0.tar.gz", deployed.GetProperty("downloadUri").GetString());
        JsonElement checksums = deployed.GetProperty("checksums");
        Assert.Equal((ArtifactRequests.Sha1(content), ArtifactRequests.Md5(content), ArtifactRequests.Sha256(content)),
            (checksums.GetProperty("sha1").GetString(), checksums.GetProperty("md5").GetString(), checksums.GetProperty("sha256").GetString()));
        Assert.Equal(checksums.GetRawText(), deployed.GetProperty("originalChecksums").GetRawText());

        using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{repo}/tools/cli/1.0/cli-1.0.tar.gz");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(ArtifactRequests.Sha256(content), get.Headers.GetValues("X-Checksum-Sha256").Single());
        Assert.Equal(ArtifactRequests.Sha1(content), get.Headers.GetValues("X-Checksum-Sha1").Single());
        Assert.Equal(ArtifactRequests.Md5(content), get.Headers.GetValues("X-Checksum-Md5").Single());
        Assert.Equal($"\"{ArtifactRequests.Sha1(content)}\"", get.Headers.ETag!.Tag);
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.Equal(5000, get.Content.Headers.ContentLength);

        using HttpResponseMessage head = await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/artifactory/{repo}/tools/cli/1.0/cli-1.0.tar.gz"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(5000, head.Content.Headers.ContentLength);
        Assert.Equal(ArtifactRequests.Sha256(content), head.Headers.GetValues("X-Checksum-Sha256").Single());

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/artifactory/{repo}/tools/cli/1.0/cli-1.0.tar.gz");
        conditional.Headers.IfNoneMatch.Add(get.Headers.ETag);
        using HttpResponseMessage notModified = await Admin.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task RangedGet_Returns206WithThoseBytes_AndAnUnsatisfiableRangeIs416()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(10_000);
        await Admin.DeployOkAsync($"/artifactory/{repo}/big.bin", content);

        var ranged = new HttpRequestMessage(HttpMethod.Get, $"/artifactory/{repo}/big.bin");
        ranged.Headers.Range = new RangeHeaderValue(100, 1099);
        using HttpResponseMessage partial = await Admin.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[100..1100], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 100-1099/10000", partial.Content.Headers.ContentRange!.ToString());

        var beyond = new HttpRequestMessage(HttpMethod.Get, $"/artifactory/{repo}/big.bin");
        beyond.Headers.Range = new RangeHeaderValue(20_000, 30_000);
        using HttpResponseMessage unsatisfiable = await Admin.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Theory]
    [InlineData("X-Checksum-Sha256")]
    [InlineData("X-Checksum-Sha1")]
    [InlineData("X-Checksum-Md5")]
    public async Task Deploy_WithAWrongChecksum_Is409_AndStoresNothing(string header)
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(3000);
        byte[] other = Digests.RandomBytes(10);
        string wrong = header switch
        {
            "X-Checksum-Sha256" => ArtifactRequests.Sha256(other),
            "X-Checksum-Sha1" => ArtifactRequests.Sha1(other),
            _ => ArtifactRequests.Md5(other),
        };

        using HttpResponseMessage response = await Admin.DeployAsync($"/artifactory/{repo}/x.bin", content, (header, wrong));
        Assert.Contains("Checksum mismatch", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.Conflict));
        using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{repo}/x.bin");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using HttpResponseMessage search = await Admin.GetAsync($"/artifactory/api/search/checksum?sha256={ArtifactRequests.Sha256(content)}");
        Assert.Empty(ArtifactRequests.ResultPaths(await search.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task Deploy_WithAMalformedChecksumHeader_Is400()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        using HttpResponseMessage response = await Admin.DeployAsync($"/artifactory/{repo}/x.bin", [1, 2, 3], ("X-Checksum-Sha1", "not-hex"));
        Assert.Contains("X-Checksum-Sha1", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task DeployByChecksum_OfKnownContent_Creates201WithoutABody_AndUnknownContentIs404()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(2048);
        await Admin.DeployOkAsync($"/artifactory/{repo}/a/original.bin", content);

        JsonElement copy = await Admin.DeployOkAsync($"/artifactory/{repo}/b/copy.bin", [],
            ("X-Checksum-Deploy", "true"), ("X-Checksum-Sha1", ArtifactRequests.Sha1(content)));
        Assert.Equal("2048", copy.GetProperty("size").GetString());
        using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{repo}/b/copy.bin");
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());

        using HttpResponseMessage miss = await Admin.DeployAsync($"/artifactory/{repo}/b/none.bin", [],
            ("X-Checksum-Deploy", "true"), ("X-Checksum-Sha256", ArtifactRequests.Sha256(Digests.RandomBytes(5))));
        Assert.Contains("Checksum deploy failed", await ArtifactRequests.ErrorAsync(miss, HttpStatusCode.NotFound));
        using HttpResponseMessage absent = await Admin.GetAsync($"/artifactory/{repo}/b/none.bin");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);

        using HttpResponseMessage noChecksum = await Admin.DeployAsync($"/artifactory/{repo}/b/none.bin", [], ("X-Checksum-Deploy", "true"));
        await ArtifactRequests.ErrorAsync(noChecksum, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MatrixParameters_BecomeProperties_AndARedeployWithOthersReplacesThem()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync(allowRedeploy: true);
        await Admin.DeployOkAsync($"/artifactory/{repo}/app/app.war;build.number=42;vcs.revision=abc", Digests.RandomBytes(100));
        JsonElement properties = (await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/app/app.war?properties")).GetProperty("properties");
        Assert.Equal("42", properties.GetProperty("build.number")[0].GetString());
        Assert.Equal("abc", properties.GetProperty("vcs.revision")[0].GetString());

        await Admin.DeployOkAsync($"/artifactory/{repo}/app/app.war;build.number=43", Digests.RandomBytes(100));
        properties = (await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}/app/app.war?properties")).GetProperty("properties");
        Assert.Equal(["build.number"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal("43", properties.GetProperty("build.number")[0].GetString());
    }

    [Fact]
    public async Task Delete_RemovesAFileOrAFolderWithEverythingInIt_AndAMissingPathIs404()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        foreach (string path in new[] { "d/1.txt", "d/sub/2.txt", "keep/3.txt" })
        {
            await Admin.DeployOkAsync($"/artifactory/{repo}/{path}", Digests.RandomBytes(10));
        }

        using HttpResponseMessage file = await Admin.DeleteAsync($"/artifactory/{repo}/keep/3.txt");
        Assert.Equal(HttpStatusCode.NoContent, file.StatusCode);
        using HttpResponseMessage folder = await Admin.DeleteAsync($"/artifactory/{repo}/d");
        Assert.Equal(HttpStatusCode.NoContent, folder.StatusCode);
        using HttpResponseMessage again = await Admin.DeleteAsync($"/artifactory/{repo}/d");
        await ArtifactRequests.ErrorAsync(again, HttpStatusCode.NotFound);
        JsonElement root = await Admin.GetJsonAsync($"/artifactory/api/storage/{repo}");
        Assert.Empty(root.GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task Deploy_IntoAnUnknownRepository_Is404_AndOntoAFolder_Is409()
    {
        using HttpResponseMessage unknown = await Admin.DeployAsync("/artifactory/nosuchrepo/a.txt", [1]);
        Assert.Contains("does not exist", await ArtifactRequests.ErrorAsync(unknown, HttpStatusCode.NotFound));

        string repo = await Admin.CreateArtifactRepositoryAsync();
        await Admin.DeployOkAsync($"/artifactory/{repo}/dir/a.txt", [1]);
        using HttpResponseMessage conflict = await Admin.DeployAsync($"/artifactory/{repo}/dir", [2]);
        await ArtifactRequests.ErrorAsync(conflict, HttpStatusCode.Conflict);
    }

    // Dot segments (also encoded as %2e) are resolved by HttpClient before sending; ArtifactCurlTests sends them as-is.
    [Theory]
    [InlineData("a%2f..%2fb.txt", "encoded slashes")]
    [InlineData("a/%5c..%5cb.txt", "backslashes")]
    [InlineData("a//b.txt", "empty path segments")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/windows/x.txt", "absolute")]
    [InlineData("a/b%01.txt", "control characters")]
    public async Task Deploy_ToAnInvalidPath_Is400WithAMessageSayingWhy(string path, string reason)
    {
        string repo = await Admin.CreateArtifactRepositoryAsync();
        using HttpResponseMessage response = await Admin.DeployAsync($"/artifactory/{repo}/{path}", [1, 2, 3]);
        string message = await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(reason, message);
        Assert.StartsWith("Invalid path", message);
    }
}
