using System.Net;
using System.Text.Json;
using Registry.Api.Oci;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>Pull-through of a docker remote: what is fetched, when, and what is cached where.</summary>
public sealed class RemotePullTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
{
    private readonly UpstreamRepository content = new("team/app");
    private FakeUpstream upstream = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = content.HandleAsync;
        key = await registry.CreateRemoteAsync(upstream.BaseUri);
    }

    public async Task DisposeAsync() => await upstream.DisposeAsync();

    private string Path(string rest) => $"/v2/{key}/team/app/{rest}";

    [Fact]
    public async Task PullOfOnePlatform_FetchesOnlyThatPlatformsManifestAndBlobs_AndCachesThemUnderTheKey()
    {
        UpstreamImage amd64 = content.Platforms[0];

        using HttpResponseMessage index = await GetManifestAsync("latest");
        using HttpResponseMessage manifest = await GetManifestAsync(amd64.Digest);
        using HttpResponseMessage layer = await registry.Admin.GetAsync(Path("blobs/" + amd64.LayerDigest));
        using HttpResponseMessage config = await registry.Admin.GetAsync(Path("blobs/" + amd64.ConfigDigest));

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(content.IndexDigest, index.Header("Docker-Content-Digest"));
        Assert.Equal(amd64.Manifest, await manifest.Content.ReadAsByteArrayAsync());
        Assert.Equal(amd64.Layer, await layer.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal(0, upstream.Count("GET", $"/v2/team/app/manifests/{content.Platforms[1].Digest}"));
        Assert.Equal(0, upstream.Count("GET", $"/v2/team/app/blobs/{content.Platforms[1].LayerDigest}"));

        await registry.Service<RemoteBlobs>().DownloadsEndedAsync();   // a client has its bytes before they are linked
        IMetadataStore metadata = registry.Service<IMetadataStore>();
        RepositoryName cache = RepositoryName.Parse($"{key}/team/app");
        Assert.Equal(content.IndexDigest, (await metadata.ResolveTagAsync(cache, TagName.Parse("latest"), CancellationToken.None))!.Digest.Value);
        Assert.NotNull(await metadata.GetRepositoryBlobAsync(cache, Digest.Parse(amd64.LayerDigest), CancellationToken.None));
    }

    [Fact]
    public async Task ManifestsByDigestAndBlobs_AreFetchedOnce()
    {
        UpstreamImage amd64 = content.Platforms[0];
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage manifest = await GetManifestAsync(amd64.Digest);
            using HttpResponseMessage layer = await registry.Admin.GetAsync(Path("blobs/" + amd64.LayerDigest));
            Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
            Assert.Equal(HttpStatusCode.OK, layer.StatusCode);
        }

        Assert.Equal(1, upstream.Count("GET", $"/v2/team/app/manifests/{amd64.Digest}"));
        Assert.Equal(1, upstream.Count("GET", $"/v2/team/app/blobs/{amd64.LayerDigest}"));
    }

    [Fact]
    public async Task CachedContent_IsWrittenAsTheRemote()
    {
        using HttpResponseMessage index = await GetManifestAsync("latest");

        using HttpResponseMessage history = await registry.Admin.GetAsync($"/api/v1/repositories/{key}/team/app/tags/latest/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Contains($"remote:{key}", await history.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST", "blobs/uploads/")]
    [InlineData("PUT", "manifests/latest")]
    [InlineData("DELETE", "manifests/latest")]
    public async Task WritesToARemote_Answer405Unsupported(string method, string rest)
    {
        using HttpResponseMessage response = await registry.Admin.SendAsync(new HttpMethod(method), Path(rest), "{}"u8.ToArray(), MediaTypes.OciManifest);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains("UNSUPPORTED", body);
        Assert.Contains("remote repository", body);
    }

    [Fact]
    public async Task TagList_IsTheUpstreamsUnderTheLocalName()
    {
        content.Tag("1.0", content.Platforms[0].Digest);

        using HttpResponseMessage response = await registry.Admin.GetAsync(Path("tags/list"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{key}/team/app", list.RootElement.GetProperty("name").GetString());
        Assert.Equal(["1.0", "latest"], list.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task UnknownManifest_Is404_AndTheMissIsRememberedForItsPeriod()
    {
        using (HttpResponseMessage first = await GetManifestAsync("nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        }

        using (HttpResponseMessage second = await GetManifestAsync("nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        }

        Assert.Equal(1, upstream.Count("GET", "/v2/team/app/manifests/nope"));
        registry.Clock.Advance(TimeSpan.FromSeconds(61));
        content.Tag("nope", content.IndexDigest);
        using HttpResponseMessage later = await GetManifestAsync("nope");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    private async Task<HttpResponseMessage> GetManifestAsync(string reference)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path("manifests/" + reference));
        request.Headers.Accept.Add(new(MediaTypes.OciIndex));
        request.Headers.Accept.Add(new(MediaTypes.OciManifest));
        return await registry.Admin.SendAsync(request);
    }
}
