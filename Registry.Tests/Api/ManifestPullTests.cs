using System.Net;

namespace Registry.Tests.Api;

/// <summary><c>GET</c>/<c>HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: Accept negotiation and unknown manifests.</summary>
public sealed class ManifestPullTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    private Task<HttpResponseMessage> GetWithAcceptAsync(string url, params string[] accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (string value in accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", value);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task GetManifest_ByTag_WithAcceptIncludingItsType_Returns200()
    {
        string repository = Names.Unique("pull");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await GetWithAcceptAsync($"/v2/{repository}/manifests/v1",
            MediaTypes.DockerManifest, MediaTypes.OciIndex, MediaTypes.OciManifest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(image.Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetManifest_ByTag_WithCommaSeparatedAcceptAndQualities_Returns200()
    {
        string repository = Names.Unique("pull");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await GetWithAcceptAsync($"/v2/{repository}/manifests/v1",
            $"{MediaTypes.DockerManifest};q=0.9, {MediaTypes.OciManifest};q=0.5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaTypes.OciManifest, response.ContentType());
    }

    [Fact]
    public async Task GetManifest_ByTag_WithWildcardAccept_Returns200()
    {
        string repository = Names.Unique("pull");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await GetWithAcceptAsync($"/v2/{repository}/manifests/v1", "*/*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetManifest_ByTag_WithAcceptExcludingItsType_Returns404ManifestUnknown()
    {
        string repository = Names.Unique("pull");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await GetWithAcceptAsync($"/v2/{repository}/manifests/v1",
            MediaTypes.DockerManifest, MediaTypes.DockerManifestList);

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task GetManifest_ByDigest_WithAcceptExcludingItsType_IsStillServed()
    {
        string repository = Names.Unique("pull");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await GetWithAcceptAsync($"/v2/{repository}/manifests/{image.Digest}",
            MediaTypes.DockerManifest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(image.Content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(MediaTypes.OciManifest, response.ContentType());
    }

    [Fact]
    public async Task GetManifest_UnknownTag_Returns404ManifestUnknown()
    {
        string repository = Names.Unique("pull");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/manifests/v2");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task GetManifest_UnknownDigest_Returns404ManifestUnknown()
    {
        string repository = Names.Unique("pull");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/manifests/{Digests.RandomSha256()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task GetManifest_InUnknownRepository_Returns404()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("pull")}/manifests/latest");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(OciAssert.ErrorCodes(await response.Content.ReadAsStringAsync()),
            code => code is "MANIFEST_UNKNOWN" or "NAME_UNKNOWN");
    }

    [Fact]
    public async Task HeadManifest_Unknown_Returns404WithoutBody()
    {
        using HttpResponseMessage response = await _client.HeadAsync($"/v2/{Names.Unique("pull")}/manifests/{Digests.RandomSha256()}");

        OciAssert.Status(response, HttpStatusCode.NotFound);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetManifest_PushedToAnotherRepository_Returns404ManifestUnknown()
    {
        PushedManifest image = await _client.PushImageAsync(Names.Unique("pull"), "v1");

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("pull")}/manifests/{image.Digest}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task GetManifest_WithInvalidDigestReference_Returns400DigestInvalid()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("pull")}/manifests/sha256:123");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task GetManifest_WithUnsupportedDigestAlgorithm_Returns400DigestInvalid()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("pull")}/manifests/md5:d41d8cd98f00b204e9800998ecf8427e");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task GetManifest_WithInvalidTag_Returns400TagInvalid()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("pull")}/manifests/-bad");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "TAG_INVALID");
    }
}
