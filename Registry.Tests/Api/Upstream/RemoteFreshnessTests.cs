using System.Net;
using Microsoft.AspNetCore.Http;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>When a docker remote asks its upstream again, and what it serves when the upstream fails.</summary>
public sealed class RemoteFreshnessTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
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
    public async Task MovedUpstreamTag_IsServedAfterTheRetrievalPeriod_AndMovesTheLocalTag()
    {
        using (HttpResponseMessage first = await GetManifestAsync("latest"))
        {
            Assert.Equal(content.IndexDigest, first.Header("Docker-Content-Digest"));
        }

        UpstreamImage next = content.AddImage("riscv64");
        content.Tag("latest", next.Digest);
        using (HttpResponseMessage within = await GetManifestAsync("latest"))
        {
            Assert.Equal(content.IndexDigest, within.Header("Docker-Content-Digest"));
        }

        Assert.Equal(0, upstream.Count("HEAD", "/v2/team/app/manifests/latest"));
        registry.Clock.Advance(TimeSpan.FromSeconds(301));
        using (HttpResponseMessage after = await GetManifestAsync("latest"))
        {
            Assert.Equal(next.Digest, after.Header("Docker-Content-Digest"));
        }

        Assert.Equal(1, upstream.Count("HEAD", "/v2/team/app/manifests/latest"));
        ManifestRecord? local = await registry.Service<IMetadataStore>().ResolveTagAsync(RepositoryName.Parse($"{key}/team/app"), TagName.Parse("latest"), CancellationToken.None);
        Assert.Equal(next.Digest, local!.Digest.Value);
    }

    [Fact]
    public async Task UnchangedUpstreamTag_IsRevalidatedWithAHeadOnly()
    {
        using (HttpResponseMessage first = await GetManifestAsync("latest"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        registry.Clock.Advance(TimeSpan.FromSeconds(301));
        using (HttpResponseMessage again = await GetManifestAsync("latest"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.False(again.Headers.Contains("Warning"));
        }

        Assert.Equal(1, upstream.Count("GET", "/v2/team/app/manifests/latest"));
        Assert.Equal(1, upstream.Count("HEAD", "/v2/team/app/manifests/latest"));
    }

    [Fact]
    public async Task UpstreamDown_ServesTheCachedTagAsStale_AndAnswers502ForWhatIsNotCached()
    {
        using (HttpResponseMessage first = await GetManifestAsync("latest"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await upstream.StopAsync();
        registry.Clock.Advance(TimeSpan.FromSeconds(301));

        using HttpResponseMessage stale = await GetManifestAsync("latest");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("110 - \"Response is stale\"", stale.Headers.GetValues("Warning").Single());
        Assert.Equal(content.IndexDigest, stale.Header("Docker-Content-Digest"));

        using HttpResponseMessage missing = await GetManifestAsync("other");
        Assert.Equal(HttpStatusCode.BadGateway, missing.StatusCode);
        Assert.Contains("UNAVAILABLE", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpstreamServerError_ServesTheCachedTagAsStale()
    {
        using (HttpResponseMessage first = await GetManifestAsync("latest"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        upstream.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        registry.Clock.Advance(TimeSpan.FromSeconds(301));

        using HttpResponseMessage stale = await GetManifestAsync("latest");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.True(stale.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task UpstreamRateLimiting_Answers429TooManyRequestsForWhatIsNotCached()
    {
        upstream.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Task.CompletedTask;
        };

        using HttpResponseMessage response = await GetManifestAsync("latest");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("TOOMANYREQUESTS", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OfflineRemote_ServesOnlyTheCache()
    {
        string offline = await registry.CreateRemoteAsync(upstream.BaseUri, offline: true);

        using HttpResponseMessage response = await registry.Admin.GetAsync($"/v2/{offline}/team/app/manifests/latest");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("offline", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Requests);
    }

    private async Task<HttpResponseMessage> GetManifestAsync(string reference)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path("manifests/" + reference));
        request.Headers.Accept.Add(new(MediaTypes.OciIndex));
        request.Headers.Accept.Add(new(MediaTypes.OciManifest));
        return await registry.Admin.SendAsync(request);
    }
}
