using System.Net;
using System.Text;
using System.Xml.Linq;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Remotes;

/// <summary>
/// Virtual repositories under <c>/artifactory/{key}/{path}</c>: members resolved in order (the first that has a
/// file wins), <c>maven-metadata.xml</c> merged across members with checksums of the merged bytes, deploys sent to
/// the default deployment repository, and whose roles each request needs.
/// </summary>
public sealed class VirtualRepositoryApiTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>
{
    private const string Jar = "org/acme/lib/1.0/lib-1.0.jar";
    private const string Metadata = "org/acme/lib/maven-metadata.xml";

    private HttpClient Admin => registry.Admin;

    private async Task<(string Virtual, string Local, string Remote, Uri Site)> MavenVirtualAsync(bool withDefault = true)
    {
        Uri site = FakeUpstream.NewSite();
        string local = await Admin.CreateArtifactRepositoryAsync("maven");
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);
        string key = await registry.CreateVirtualAsync(ArtifactRepositoryType.Maven, withDefault ? local : null, local, remote);
        return (key, local, remote, site);
    }

    [Fact]
    public async Task MembersDisagreeingOnAFile_TheFirstMemberWins_AndFilesOnlyInALaterMemberAreFound()
    {
        (string key, string local, _, Uri site) = await MavenVirtualAsync();
        byte[] mine = Digests.RandomBytes(100);
        byte[] theirs = Digests.RandomBytes(100);
        byte[] onlyUpstream = Digests.RandomBytes(100);
        await Admin.DeployOkAsync($"/artifactory/{local}/{Jar}", mine);
        registry.Upstream.Serve(new Uri(site, Jar), theirs);
        registry.Upstream.Serve(new Uri(site, "org/acme/lib/2.0/lib-2.0.jar"), onlyUpstream);

        Assert.Equal(mine, await Admin.GetByteArrayAsync($"/artifactory/{key}/{Jar}"));
        Assert.Equal(ArtifactRequests.Sha1(mine), await Admin.GetStringAsync($"/artifactory/{key}/{Jar}.sha1"));
        Assert.Equal(0, registry.Upstream.Requests(new Uri(site, Jar)));
        Assert.Equal(onlyUpstream, await Admin.GetByteArrayAsync($"/artifactory/{key}/org/acme/lib/2.0/lib-2.0.jar"));

        using HttpResponseMessage nowhere = await Admin.GetAsync($"/artifactory/{key}/org/acme/lib/3.0/lib-3.0.jar");
        Assert.Contains("any member", await ArtifactRequests.ErrorAsync(nowhere, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task MavenMetadata_IsMergedAcrossMembers_WithChecksumsOfTheMergedBytes()
    {
        (string key, string local, _, Uri site) = await MavenVirtualAsync();
        await Admin.DeployOkAsync($"/artifactory/{local}/{Metadata}", Encoding.UTF8.GetBytes(RemoteRepositoryApiTests.MetadataXml("1.0", "1.1", "2.0-SNAPSHOT")));
        registry.Upstream.Serve(new Uri(site, Metadata), Encoding.UTF8.GetBytes(RemoteRepositoryApiTests.MetadataXml("0.9", "1.0", "1.2")));

        using HttpResponseMessage response = await Admin.GetAsync($"/artifactory/{key}/{Metadata}");
        byte[] merged = await response.Content.ReadAsByteArrayAsync();
        XElement versioning = XDocument.Parse(Encoding.UTF8.GetString(merged)).Root!.Element("versioning")!;
        Assert.Equal(["0.9", "1.0", "1.1", "1.2", "2.0-SNAPSHOT"], versioning.Element("versions")!.Elements("version").Select(v => v.Value));
        Assert.Equal("2.0-SNAPSHOT", versioning.Element("latest")!.Value);
        Assert.Equal("1.2", versioning.Element("release")!.Value);
        Assert.Equal("20260103120000", versioning.Element("lastUpdated")!.Value);
        Assert.Equal(ArtifactRequests.Sha1(merged), response.Headers.GetValues("X-Checksum-Sha1").Single());
        Assert.Equal(ArtifactRequests.Sha1(merged), await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}.sha1"));
        Assert.Equal(ArtifactRequests.Md5(merged), await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}.md5"));
    }

    [Fact]
    public async Task Deploy_GoesToTheDefaultDeploymentRepository_AndIs405WithoutOne()
    {
        (string key, string local, _, _) = await MavenVirtualAsync();
        byte[] jar = Digests.RandomBytes(50);
        await Admin.DeployOkAsync($"/artifactory/{key}/{Jar}", jar);
        Assert.Equal(jar, await Admin.GetByteArrayAsync($"/artifactory/{local}/{Jar}"));

        (string noDefault, _, _, _) = await MavenVirtualAsync(withDefault: false);
        using HttpResponseMessage refused = await Admin.DeployAsync($"/artifactory/{noDefault}/{Jar}", jar);
        Assert.Contains("defaultDeploymentRepo", await ArtifactRequests.ErrorAsync(refused, HttpStatusCode.MethodNotAllowed));
        using HttpResponseMessage delete = await Admin.DeleteAsync($"/artifactory/{key}/{Jar}");
        Assert.Contains(local, await ArtifactRequests.ErrorAsync(delete, HttpStatusCode.MethodNotAllowed));
    }

    [Fact]
    public async Task Reading_NeedsTheReaderRoleOnTheVirtualKey_DeployingTheDeveloperRoleOnTheDeploymentRepository()
    {
        (string key, string local, _, _) = await MavenVirtualAsync();
        await Admin.DeployOkAsync($"/artifactory/{local}/{Jar}", [1, 2, 3]);

        string reader = await registry.CreateUserAsync(("namespace", key, "reader"));
        using HttpClient readerClient = registry.Basic(reader, Auth.AuthRegistry.Password);
        Assert.Equal([1, 2, 3], await readerClient.GetByteArrayAsync($"/artifactory/{key}/{Jar}"));
        using HttpResponseMessage direct = await readerClient.GetAsync($"/artifactory/{local}/{Jar}");
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        using HttpResponseMessage readerDeploy = await readerClient.DeployAsync($"/artifactory/{key}/org/acme/lib/1.1/lib-1.1.jar", [4]);
        Assert.Contains(local, await ArtifactRequests.ErrorAsync(readerDeploy, HttpStatusCode.Forbidden));

        string developer = await registry.CreateUserAsync(("namespace", local, "developer"));
        using HttpClient developerClient = registry.Basic(developer, Auth.AuthRegistry.Password);
        await developerClient.DeployOkAsync($"/artifactory/{key}/org/acme/lib/1.1/lib-1.1.jar", [4]);
    }

    [Fact]
    public async Task AnUnreachableRemoteMember_IsSkipped_AndWhenNoMemberHasTheFileTheClientLearnsWhy()
    {
        (string key, string local, _, Uri site) = await MavenVirtualAsync();
        registry.Upstream.WholeSite(site, _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)));
        await Admin.DeployOkAsync($"/artifactory/{local}/{Jar}", [7]);

        Assert.Equal([7], await Admin.GetByteArrayAsync($"/artifactory/{key}/{Jar}"));
        using HttpResponseMessage missing = await Admin.GetAsync($"/artifactory/{key}/org/acme/lib/9.0/lib-9.0.jar");
        Assert.Contains("unreachable", await ArtifactRequests.ErrorAsync(missing, HttpStatusCode.BadGateway));
    }
}
