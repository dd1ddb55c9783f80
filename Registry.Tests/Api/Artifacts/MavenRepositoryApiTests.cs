using System.Net;
using System.Text;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Artifacts;

/// <summary>
/// Maven repositories over HTTP: release files are immutable unless the repository allows redeploy, SNAPSHOT files
/// and maven-metadata.xml are overwritable, checksum companions are verified (not stored) and served from the
/// recorded checksums, and files must follow the Maven layout.
/// </summary>
public sealed class MavenRepositoryApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private const string Jar = "com/example/lib/1.0/lib-1.0.jar";

    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task ReleaseFile_CannotBeOverwritten_ButMetadataCan()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        await Admin.DeployOkAsync($"/artifactory/{repo}/{Jar}", Digests.RandomBytes(100));
        using HttpResponseMessage again = await Admin.DeployAsync($"/artifactory/{repo}/{Jar}", Digests.RandomBytes(100));
        Assert.Contains("releases cannot be overwritten", await ArtifactRequests.ErrorAsync(again, HttpStatusCode.Conflict));

        await Admin.DeployOkAsync($"/artifactory/{repo}/com/example/lib/maven-metadata.xml", Encoding.UTF8.GetBytes("<metadata>1</metadata>"));
        await Admin.DeployOkAsync($"/artifactory/{repo}/com/example/lib/maven-metadata.xml", Encoding.UTF8.GetBytes("<metadata>2</metadata>"));
        using HttpResponseMessage metadata = await Admin.GetAsync($"/artifactory/{repo}/com/example/lib/maven-metadata.xml");
        Assert.Equal("<metadata>2</metadata>", await metadata.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReleaseFile_CanBeOverwritten_WhenTheRepositoryAllowsRedeploy()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven", allowRedeploy: true);
        await Admin.DeployOkAsync($"/artifactory/{repo}/{Jar}", Digests.RandomBytes(100));
        byte[] second = Digests.RandomBytes(100);
        await Admin.DeployOkAsync($"/artifactory/{repo}/{Jar}", second);
        using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{repo}/{Jar}");
        Assert.Equal(second, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SnapshotFiles_CanBeOverwritten()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        string path = $"/artifactory/{repo}/com/example/lib/1.1-SNAPSHOT/lib-1.1-20260101.120000-1.jar";
        await Admin.DeployOkAsync(path, Digests.RandomBytes(100));
        await Admin.DeployOkAsync(path, Digests.RandomBytes(100));
        await Admin.DeployOkAsync($"/artifactory/{repo}/com/example/lib/1.1-SNAPSHOT/lib-1.1-SNAPSHOT.jar", Digests.RandomBytes(100));
    }

    [Fact]
    public async Task ChecksumCompanions_AreVerifiedAgainstTheFile_AndServedFromItsChecksums()
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        byte[] jar = Digests.RandomBytes(500);
        await Admin.DeployOkAsync($"/artifactory/{repo}/{Jar}", jar);

        await Admin.DeployOkAsync($"/artifactory/{repo}/{Jar}.sha1", Encoding.ASCII.GetBytes(ArtifactRequests.Sha1(jar)));
        await Admin.DeployOkAsync($"/artifactory/{repo}/{Jar}.md5", Encoding.ASCII.GetBytes(ArtifactRequests.Md5(jar) + "  lib-1.0.jar\n"));
        using HttpResponseMessage wrong = await Admin.DeployAsync($"/artifactory/{repo}/{Jar}.sha1", Encoding.ASCII.GetBytes(new string('0', 40)));
        Assert.Contains("Checksum mismatch", await ArtifactRequests.ErrorAsync(wrong, HttpStatusCode.Conflict));

        foreach ((string suffix, string expected) in new[] { (".sha1", ArtifactRequests.Sha1(jar)), (".md5", ArtifactRequests.Md5(jar)), (".sha256", ArtifactRequests.Sha256(jar)) })
        {
            using HttpResponseMessage companion = await Admin.GetAsync($"/artifactory/{repo}/{Jar}{suffix}");
            Assert.Equal(HttpStatusCode.OK, companion.StatusCode);
            Assert.Equal(expected, await companion.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("lib-1.0.jar")]
    [InlineData("com/example/lib/1.0/other-1.0.jar")]
    [InlineData("com/example/lib/1.0/lib-2.0.jar")]
    public async Task FilesOutsideTheMavenLayout_Are400(string path)
    {
        string repo = await Admin.CreateArtifactRepositoryAsync("maven");
        using HttpResponseMessage response = await Admin.DeployAsync($"/artifactory/{repo}/{path}", [1]);
        Assert.Contains("Maven layout", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task GenericRepositories_LetDeployersOverwriteAnyFileOnlyWhenTheyAllowRedeploy()
    {
        string open = await Admin.CreateArtifactRepositoryAsync(allowRedeploy: true);
        await Admin.DeployOkAsync($"/artifactory/{open}/{Jar}", Digests.RandomBytes(10));
        await Admin.DeployOkAsync($"/artifactory/{open}/{Jar}", Digests.RandomBytes(10));

        string closed = await Admin.CreateArtifactRepositoryAsync();
        await Admin.DeployOkAsync($"/artifactory/{closed}/{Jar}", Digests.RandomBytes(10));
        using HttpResponseMessage again = await Admin.DeployAsync($"/artifactory/{closed}/{Jar}", Digests.RandomBytes(10));
        Assert.Contains("cannot be overwritten unless the repository allows redeploy", await ArtifactRequests.ErrorAsync(again, HttpStatusCode.Conflict));
    }
}
