using System.Net;

namespace Registry.Tests.Api;

/// <summary>Repository names, methods and paths the distribution API does not have.</summary>
public sealed class RoutingTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Theory]
    [InlineData("Uppercase")]
    [InlineData("lower/Upper")]
    [InlineData("a..b")]
    [InlineData("a...b")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("a___b")]
    [InlineData("_a")]
    [InlineData("a.")]
    [InlineData("a/.b")]
    [InlineData("has space")]
    [InlineData("a:b")]
    [InlineData("ünïcode")]
    public async Task AnyEndpoint_WithInvalidRepositoryName_Returns400NameInvalid(string name)
    {
        string escaped = string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

        using HttpResponseMessage tags = await _client.GetAsync($"/v2/{escaped}/tags/list");
        using HttpResponseMessage manifest = await _client.GetAsync($"/v2/{escaped}/manifests/latest");
        using HttpResponseMessage blob = await _client.GetAsync($"/v2/{escaped}/blobs/{Digests.RandomSha256()}");
        using HttpResponseMessage upload = await _client.PostAsync($"/v2/{escaped}/blobs/uploads/", null);
        using HttpResponseMessage referrers = await _client.GetAsync($"/v2/{escaped}/referrers/{Digests.RandomSha256()}");

        await OciAssert.ErrorAsync(tags, HttpStatusCode.BadRequest, "NAME_INVALID");
        await OciAssert.ErrorAsync(manifest, HttpStatusCode.BadRequest, "NAME_INVALID");
        await OciAssert.ErrorAsync(blob, HttpStatusCode.BadRequest, "NAME_INVALID");
        await OciAssert.ErrorAsync(upload, HttpStatusCode.BadRequest, "NAME_INVALID");
        await OciAssert.ErrorAsync(referrers, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Theory]
    [InlineData("/v2/a/../b/tags/list")]
    [InlineData("/v2/../tags/list")]
    [InlineData("/v2/a/./b/manifests/latest")]
    [InlineData("/v2/a//b/tags/list")]
    [InlineData("/v2/trailing//tags/list")]
    [InlineData("/v2//leading/tags/list")]
    public async Task PathWithDotOrEmptySegmentsInName_Returns400NameInvalid(string target)
    {
        RawResponse response = await RawRequests.SendAsync(factory, "GET", target);

        Assert.Equal(400, response.Status);
        Assert.Contains("NAME_INVALID", OciAssert.ErrorCodes(response.Body));
    }

    [Fact]
    public async Task RepositoryName_LongerThan255Characters_Returns400NameInvalid()
    {
        string name = string.Join('/', Enumerable.Repeat(new string('a', 50), 6));

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{name}/tags/list");

        Assert.True(name.Length > 255);
        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Fact]
    public async Task RepositoryName_Of255Characters_IsAccepted()
    {
        string prefix = Names.Unique("long");
        string name = prefix + "/" + new string('a', 255 - prefix.Length - 1);

        PushedManifest image = await _client.PushImageAsync(name, "v1");
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{name}/manifests/v1");

        Assert.Equal(255, name.Length);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(image.Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("a/blobs")]
    [InlineData("x/manifests")]
    [InlineData("y/blobs/uploads")]
    [InlineData("z/tags/list")]
    [InlineData("w/referrers")]
    [InlineData("v2/v2")]
    public async Task RepositoryNamed_LikeAnEndpointSegment_RoutesCorrectly(string suffix)
    {
        string name = $"{Names.Unique("routing")}/{suffix}";
        byte[] content = Digests.RandomBytes(10);

        string digest = await _client.PushBlobAsync(name, content);
        PushedManifest image = await _client.PushImageAsync(name, "v1");
        using HttpResponseMessage blob = await _client.GetAsync($"/v2/{name}/blobs/{digest}");
        using HttpResponseMessage manifest = await _client.GetAsync($"/v2/{name}/manifests/v1");
        Page tags = await Pages.GetAsync(_client, $"/v2/{name}/tags/list", "tags");
        string location = await _client.StartUploadAsync(name);
        using HttpResponseMessage status = await _client.GetAsync(location);

        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
        Assert.Equal(image.Content, await manifest.Content.ReadAsByteArrayAsync());
        Assert.Equal(["v1"], tags.Items);
        Assert.StartsWith($"/v2/{name}/blobs/uploads/", location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/v2/{name}/manifests/latest", "GET, HEAD, PUT, DELETE")]
    [InlineData("PATCH", "/v2/{name}/manifests/latest", "GET, HEAD, PUT, DELETE")]
    [InlineData("POST", "/v2/{name}/blobs/{digest}", "GET, HEAD, DELETE")]
    [InlineData("PUT", "/v2/{name}/blobs/{digest}", "GET, HEAD, DELETE")]
    [InlineData("PATCH", "/v2/{name}/blobs/{digest}", "GET, HEAD, DELETE")]
    [InlineData("GET", "/v2/{name}/blobs/uploads/", "POST")]
    [InlineData("PUT", "/v2/{name}/blobs/uploads/", "POST")]
    [InlineData("DELETE", "/v2/{name}/blobs/uploads/", "POST")]
    [InlineData("POST", "/v2/{name}/blobs/uploads/0123456789abcdef0123456789abcdef", "GET, PATCH, PUT, DELETE")]
    [InlineData("DELETE", "/v2/{name}/tags/list", "GET")]
    [InlineData("PUT", "/v2/{name}/tags/list", "GET")]
    [InlineData("POST", "/v2/{name}/referrers/{digest}", "GET")]
    [InlineData("DELETE", "/v2/{name}/referrers/{digest}", "GET")]
    [InlineData("POST", "/v2/_catalog", "GET")]
    [InlineData("DELETE", "/v2/_catalog", "GET")]
    [InlineData("POST", "/v2/", "GET, HEAD")]
    [InlineData("DELETE", "/v2/", "GET, HEAD")]
    [InlineData("OPTIONS", "/v2/{name}/manifests/latest", "GET, HEAD, PUT, DELETE")]
    public async Task WrongMethod_Returns405UnsupportedWithAllowHeader(string method, string template, string allow)
    {
        string url = template.Replace("{name}", Names.Unique("routing"), StringComparison.Ordinal)
            .Replace("{digest}", Digests.RandomSha256(), StringComparison.Ordinal);

        using HttpResponseMessage response = await _client.SendAsync(new HttpMethod(method), url, method is "POST" or "PUT" or "PATCH" ? [] : null);

        await OciAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
        Assert.Equal(allow, response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : response.Header("Allow"));
    }

    [Theory]
    [InlineData("/v2/foo/bar")]
    [InlineData("/v2/foo/bar/baz")]
    [InlineData("/v2/foo/manifests/")]
    [InlineData("/v2/foo/blobs/")]
    [InlineData("/v2/foo/referrers/")]
    [InlineData("/v2/foo/tags")]
    [InlineData("/v2/foo/tags/")]
    [InlineData("/v2/foo/tags/list/extra")]
    [InlineData("/v2/_catalog/extra")]
    [InlineData("/v2/foo/_catalog")]
    [InlineData("/v2/manifests/latest")]
    [InlineData("/v2/blobs/uploads/")]
    [InlineData("/v2/tags/list")]
    [InlineData("/v2/foo")]
    [InlineData("/v3/")]
    [InlineData("/")]
    public async Task PathThatIsNoEndpoint_Returns404(string path)
    {
        using HttpResponseMessage response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PathThatIsNoEndpoint_UnderV2_AnswersWithOciErrorBody()
    {
        using HttpResponseMessage response = await _client.GetAsync("/v2/foo/bar");

        Assert.NotEmpty(OciAssert.ErrorCodes(await response.Content.ReadAsStringAsync()));
        Assert.Equal("application/json", response.ContentType());
    }
}
