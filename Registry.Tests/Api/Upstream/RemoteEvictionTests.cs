using System.Net;
using Registry.Api.Catalog;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>A docker remote's <c>unusedArtifactsCleanupPeriodHours</c>: what nobody fetched or pulled for that long is evicted.</summary>
public sealed class RemoteEvictionTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
{
    private readonly UpstreamRepository content = new("team/app");
    private FakeUpstream upstream = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = content.HandleAsync;
    }

    public async Task DisposeAsync() => await upstream.DisposeAsync();

    [Fact]
    public async Task UnusedCachedImages_AreEvictedAfterThePeriod_AsTheRemote_AndFetchedAgainOnTheNextPull()
    {
        string key = await registry.CreateRemoteAsync(upstream.BaseUri, cleanupHours: 2);
        string idle = await registry.CreateRemoteAsync(upstream.BaseUri);
        await PullAsync(key, "latest", content.Platforms[0].Digest);
        await PullAsync(idle, "latest", content.Platforms[0].Digest);
        var eviction = registry.Service<RemoteCacheEviction>();
        IArtifactStore store = registry.Service<IArtifactStore>();
        ArtifactRepository remote = (await store.GetArtifactRepositoryAsync(key, CancellationToken.None))!;

        RetentionRunDetails early = await eviction.EvictAsync(remote, CancellationToken.None);
        registry.Clock.Advance(TimeSpan.FromHours(1));
        await PullAsync(key, "latest", content.Platforms[0].Digest);   // pulled again: the period starts over
        registry.Clock.Advance(TimeSpan.FromHours(1.5));
        RetentionRunDetails stillUsed = await eviction.EvictAsync(remote, CancellationToken.None);
        registry.Clock.Advance(TimeSpan.FromHours(3));
        (int tags, int manifests) = await eviction.RunAsync(CancellationToken.None);

        Assert.Empty(early.Tags);
        Assert.Empty(stillUsed.Tags);
        Assert.Equal(1, tags);
        Assert.Equal(2, manifests);   // the index and the one platform manifest pulled through it
        IMetadataStore metadata = registry.Service<IMetadataStore>();
        Assert.Null(await metadata.ResolveTagAsync(RepositoryName.Parse($"{key}/team/app"), TagName.Parse("latest"), CancellationToken.None));
        Assert.NotNull(await metadata.ResolveTagAsync(RepositoryName.Parse($"{idle}/team/app"), TagName.Parse("latest"), CancellationToken.None));

        using HttpResponseMessage history = await registry.Admin.GetAsync($"/api/v1/repositories/{key}/team/app/tags/latest/history");
        Assert.Contains($"remote:{key}", await history.Content.ReadAsStringAsync());

        int fetched = upstream.Count("GET", "/v2/team/app/manifests/latest");
        await PullAsync(key, "latest", content.Platforms[0].Digest);
        Assert.Equal(fetched + 1, upstream.Count("GET", "/v2/team/app/manifests/latest"));
    }

    private async Task PullAsync(string key, string tag, string platformDigest)
    {
        foreach (string reference in new[] { tag, platformDigest })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{key}/team/app/manifests/{reference}");
            request.Headers.Accept.Add(new(MediaTypes.OciIndex));
            request.Headers.Accept.Add(new(MediaTypes.OciManifest));
            using HttpResponseMessage response = await registry.Admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await registry.Service<PullRecorder>().FlushAsync(CancellationToken.None);
    }
}
