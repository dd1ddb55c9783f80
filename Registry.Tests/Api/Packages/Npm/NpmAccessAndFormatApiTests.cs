using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Api.Packages;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Npm;

/// <summary>
/// Who may do what on an npm key (developer publishes and deprecates, only a maintainer unpublishes), the abbreviated
/// packument, and what the console is given (<see cref="IPackageFormat"/>: dependencies, dist-tags and deprecation as
/// labels, the <c>.npmrc</c> lines, the install command).
/// </summary>
public sealed class NpmAccessAndFormatApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task Developer_PublishesAndDeprecates_ButUnpublishNeedsTheMaintainerRole()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        string developer = await registry.CreateUserAsync(("namespace", key, "developer"));
        using HttpClient client = registry.Basic(developer, AuthRegistry.Password);
        using (HttpResponseMessage published = await PutAsync(client, $"{key}/roles", new NpmPublishBody("roles", "1.0.0").Json()))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        string packument = await client.GetStringAsync($"/artifactory/api/npm/{key}/roles?write=true");
        string deprecated = packument.Replace("\"version\":\"1.0.0\"", "\"version\":\"1.0.0\",\"deprecated\":\"gone, use 2\"", StringComparison.Ordinal);
        using (HttpResponseMessage deprecate = await PutAsync(client, $"{key}/roles", deprecated))
        {
            Assert.Equal(HttpStatusCode.OK, deprecate.StatusCode);
        }

        ArtifactFile manifest = (await registry.Service<IArtifactStore>().GetFileAsync(key, "roles/1.0.0/package.json", CancellationToken.None))!;
        Assert.Contains(new ArtifactProperty("npm.deprecated", "gone, use 2"), manifest.Properties);

        using HttpResponseMessage refused = await client.DeleteAsync($"/artifactory/api/npm/{key}/roles/-rev/1-x");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using HttpResponseMessage unpublished = await Admin.DeleteAsync($"/artifactory/api/npm/{key}/roles/-rev/1-x");
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        Assert.Empty(await registry.Service<IArtifactStore>().ListFilesAsync(key, string.Empty, CancellationToken.None));
    }

    [Fact]
    public async Task Packument_WithTheInstallAccept_IsAbbreviated()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        using (HttpResponseMessage published = await PutAsync(Admin, $"{key}/short", new NpmPublishBody("short", "1.0.0").Json()))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/artifactory/api/npm/{key}/short");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*");
        using HttpResponseMessage response = await Admin.SendAsync(request);

        Assert.Equal("application/vnd.npm.install-v1+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(document.RootElement.TryGetProperty("_rev", out _));
        JsonElement version = document.RootElement.GetProperty("versions").GetProperty("1.0.0");
        Assert.Equal("^1.0.0", version.GetProperty("dependencies").GetProperty("left-pad").GetString());
        Assert.True(version.GetProperty("dist").TryGetProperty("tarball", out _));
    }

    [Fact]
    public async Task PackageFormat_DescribesDependenciesTagsAndDeprecation_AndTheClientConfiguration()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        using (HttpResponseMessage published = await PutAsync(Admin, $"{key}/@team%2fdescribed", new NpmPublishBody("@team/described", "1.0.0").Json()))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        using var tag = new StringContent("\"1.0.0\"", Encoding.UTF8, "application/json");
        using (HttpResponseMessage tagged = await Admin.PutAsync($"/artifactory/api/npm/{key}/-/package/@team%2fdescribed/dist-tags/stable", tag))
        {
            Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        }

        IArtifactStore store = registry.Service<IArtifactStore>();
        ArtifactRepository repository = (await store.GetArtifactRepositoryAsync(key, CancellationToken.None))!;
        ArtifactVersion version = Assert.Single(ArtifactVersion.Group(ArtifactRepositoryType.Npm, await store.ListFilesAsync(key, string.Empty, CancellationToken.None)));
        IPackageFormat format = Assert.Single(registry.Service<IEnumerable<IPackageFormat>>(), f => f.Type == ArtifactRepositoryType.Npm);

        PackageVersionDetails details = await format.DescribeAsync(repository, version, CancellationToken.None);

        Assert.Equal(("@team/described", "1.0.0"), (version.Artifact, version.Version));
        Assert.Equal(["left-pad ^1.0.0"], details.Dependencies);
        Assert.Equal(["latest", "stable"], details.Labels);
        Assert.Equal($"registry=http://r.example/artifactory/api/npm/{key}/\n//r.example/artifactory/api/npm/{key}/:_authToken=<CI token secret>\n",
            format.ClientConfiguration("http://r.example/artifactory", repository));
        Assert.Equal($"npm install @team/described@1.0.0 --registry http://r.example/artifactory/api/npm/{key}/",
            format.InstallCommand("http://r.example/artifactory", repository, "@team/described", "1.0.0"));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string keyAndName, string json)
        => client.PutAsync($"/artifactory/api/npm/{keyAndName}", new StringContent(json, Encoding.UTF8, "application/json"));
}
