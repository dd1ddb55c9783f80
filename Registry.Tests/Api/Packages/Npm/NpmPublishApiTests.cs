using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Npm;

/// <summary>
/// <c>PUT /artifactory/api/npm/{key}/{name}</c> with bad input: each refusal answers with npm's <c>error</c> field and
/// stores nothing; a good publish shows in the packument with the tarball URL of the repository asked.
/// </summary>
public sealed class NpmPublishApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task Publish_Valid_IsServedAsAPackument_WithTarballUrlsOfThisRepository()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        var body = new NpmPublishBody("@team/widget", "1.2.3-beta.1");

        using HttpResponseMessage published = await PutAsync(key, "@team%2fwidget", body.Json());

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        JsonElement packument = await Admin.GetJsonAsync($"/artifactory/api/npm/{key}/@team%2fwidget");
        JsonElement version = packument.GetProperty("versions").GetProperty("1.2.3-beta.1");
        Assert.Equal($"http://localhost/artifactory/api/npm/{key}/@team/widget/-/widget-1.2.3-beta.1.tgz", version.GetProperty("dist").GetProperty("tarball").GetString());
        Assert.Equal("1.2.3-beta.1", packument.GetProperty("dist-tags").GetProperty("latest").GetString());
        using HttpResponseMessage tarball = await Admin.GetAsync($"/artifactory/api/npm/{key}/@team/widget/-/widget-1.2.3-beta.1.tgz");
        Assert.Equal(HttpStatusCode.OK, tarball.StatusCode);
        Assert.Equal(version.GetProperty("dist").GetProperty("shasum").GetString(), ArtifactRequests.Sha1(await tarball.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Publish_OfAnExistingVersion_Answers403WithNpmsMessage()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        var body = new NpmPublishBody("twice", "1.0.0");
        using HttpResponseMessage first = await PutAsync(key, "twice", body.Json());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using HttpResponseMessage second = await PutAsync(key, "twice", body.Json());

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("You cannot publish over the previously published versions: 1.0.0", await NpmErrorAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_OfAnExistingVersion_ReplacesIt_WhereRedeployIsAllowed()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm", allowRedeploy: true);
        using HttpResponseMessage first = await PutAsync(key, "again", new NpmPublishBody("again", "1.0.0").Json());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using HttpResponseMessage second = await PutAsync(key, "again", new NpmPublishBody("again", "1.0.0").Json());

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    public static TheoryData<string, string, string> BadPublishes => new()
    {
        { "integrity", "good", "dist.integrity" },
        { "shasum", "good", "dist.shasum" },
        { "body-name", "good", "is not the package name in the URL" },
        { "manifest-name", "good", "the manifest of version" },
        { "tarball-name", "good", "the tarball's package.json names" },
        { "version", "good", "is not a valid semver version" },
        { "uppercase", "Good", "capital letters" },
        { "oversized-manifest", "good", "larger than" },
        { "data-not-base64", "good", "has no base64 'data'" },
        { "data-empty", "good", "has no base64 'data'" },
        { "length", "good", "says its length is 3" },
        { "not-json", "good", "the body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadPublishes))]
    public async Task Publish_WithBadInput_Answers400_AndStoresNothing(string broken, string name, string expected)
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        var body = new NpmPublishBody(name, "1.0.0");
        switch (broken)
        {
            case "integrity":
                body.Integrity = "sha512-" + Convert.ToBase64String(new byte[64]);
                break;
            case "shasum":
                body.Shasum = new string('0', 40);
                break;
            case "body-name":
                body.Name = "other";
                break;
            case "manifest-name":
                body.ManifestName = "other";
                break;
            case "tarball-name":
                body.PackedName = "other";
                break;
            case "version":
                body.Version = "1.0";
                break;
            case "oversized-manifest":
                body.ManifestPadding = Registry.Core.Packages.Npm.NpmLimits.MaxManifestBytes;
                break;
            case "data-not-base64":
                body.Data = Convert.ToBase64String(NpmPublishBody.Tarball(name, "1.0.0")) + "!";
                break;
            case "data-empty":
                body.Data = string.Empty;
                break;
            case "length":
                body.Length = 3;
                break;
        }

        string json = broken == "not-json" ? body.Json()[..^1] : body.Json();
        using HttpResponseMessage response = await PutAsync(key, name, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await NpmErrorAsync(response), StringComparison.Ordinal);
        Assert.Empty(await registry.Service<IArtifactStore>().ListFilesAsync(key, string.Empty, CancellationToken.None));
    }

    [Theory]
    [InlineData("x%2f..%2f..%2fescape")]
    [InlineData("%2e%2e%2fescape")]
    [InlineData("@team%2f..")]
    [InlineData("@..%2fwidget")]
    [InlineData("a%5c..%5cb")]
    public async Task Publish_WithTraversalInTheName_Answers400_AndStoresNothing(string escaped)
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");

        using HttpResponseMessage response = await PutAsync(key, escaped, new NpmPublishBody("escape", "1.0.0").Json());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await registry.Service<IArtifactStore>().ListFilesAsync(key, string.Empty, CancellationToken.None));
    }

    [Fact]
    public async Task DistTagPut_WithAnOversizedBody_Answers413_AndStoresNothing()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        using HttpResponseMessage published = await PutAsync(key, "tagged", new NpmPublishBody("tagged", "1.0.0").Json());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        IReadOnlyList<ArtifactFile> before = await registry.Service<IArtifactStore>().ListFilesAsync(key, string.Empty, CancellationToken.None);

        using var content = new StringContent("\"" + new string('1', 10_000) + "\"", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Admin.PutAsync($"/artifactory/api/npm/{key}/-/package/tagged/dist-tags/next", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        IReadOnlyList<ArtifactFile> after = await registry.Service<IArtifactStore>().ListFilesAsync(key, string.Empty, CancellationToken.None);
        Assert.Equal(before.Select(f => (f.Path, f.Content.Digest)), after.Select(f => (f.Path, f.Content.Digest)));
    }

    [Fact]
    public async Task Packument_ForAnonymous_OnAPrivateKey_Answers401()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");

        using HttpResponseMessage response = await registry.Anonymous().GetAsync($"/artifactory/api/npm/{key}/anything");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_ReadsWhereTheKeyAllowsIt_ButMayNotPublish()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("npm");
        using (HttpResponseMessage published = await PutAsync(key, "open", new NpmPublishBody("open", "1.0.0").Json()))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        using (HttpResponseMessage madePublic = await Admin.PutAsJsonAsync("/api/v1/public", new { kind = "namespace", name = key }))
        {
            Assert.Equal(HttpStatusCode.OK, madePublic.StatusCode);
        }

        using HttpClient anonymous = registry.Anonymous();
        using HttpResponseMessage read = await anonymous.GetAsync($"/artifactory/api/npm/{key}/open");
        using HttpResponseMessage tarball = await anonymous.GetAsync($"/artifactory/api/npm/{key}/open/-/open-1.0.0.tgz");
        using HttpResponseMessage publish = await anonymous.PutAsync($"/artifactory/api/npm/{key}/open",
            new StringContent(new NpmPublishBody("open", "2.0.0").Json(), Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (read.StatusCode, tarball.StatusCode, publish.StatusCode));
    }

    private Task<HttpResponseMessage> PutAsync(string key, string escapedName, string json)
        => Admin.PutAsync($"/artifactory/api/npm/{key}/{escapedName}", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> NpmErrorAsync(HttpResponseMessage response)
    {
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
