using System.Net;

namespace Registry.Tests.Api;

public sealed class BaseEndpointTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task GetV2_Returns200WithApiVersionHeader()
    {
        using HttpResponseMessage response = await _client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", response.Header("Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task GetV2_WithoutTrailingSlash_Returns200()
    {
        using HttpResponseMessage response = await _client.GetAsync("/v2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", response.Header("Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task HeadV2_Returns200WithApiVersionHeader()
    {
        using HttpResponseMessage response = await _client.HeadAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", response.Header("Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task ErrorResponses_AlsoCarryApiVersionHeader()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("base")}/manifests/latest");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.Equal("registry/2.0", response.Header("Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task Factory_StoresDataInItsOwnFreshStorage()
    {
        string repository = Names.Unique("base");
        int before = factory.CountBlobFiles();

        string digest = await _client.PushBlobAsync(repository, Digests.RandomBytes(10));

        Assert.Equal(before + 1, factory.CountBlobFiles());
        Assert.True(factory.HasStoredBlob(digest));
        Assert.Equal(!ApiBackend.IsPostgresS3, File.Exists(Path.Combine(factory.DataPath, "registry.db")));
    }
}
