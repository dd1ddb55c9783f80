using System.Net;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>Blobs of a docker remote: verified against their digest, and fetched once however many clients ask.</summary>
public sealed class RemoteBlobTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
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

    private string BlobPath(string digest) => $"/v2/{key}/team/app/blobs/{digest}";

    [Fact]
    public async Task WrongBytesFromUpstream_AreRefusedAndNotCached()
    {
        UpstreamImage image = content.Platforms[0];
        content.WrongBytes[image.LayerDigest] = "not the layer"u8.ToArray();

        // Bytes are streamed as they arrive: a client that got some sees its transfer aborted; one that got none, a 502.
        try
        {
            using HttpResponseMessage refused = await registry.Admin.GetAsync(BlobPath(image.LayerDigest));
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Contains("hash", await refused.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
        }
        catch (IOException)
        {
        }

        Assert.Null(await registry.Service<Registry.Core.Storage.IBlobStore>()
            .StatAsync(Registry.Core.Primitives.Digest.Parse(image.LayerDigest), CancellationToken.None));

        content.WrongBytes.Clear();
        using HttpResponseMessage fixedUpstream = await registry.Admin.GetAsync(BlobPath(image.LayerDigest));
        Assert.Equal(image.Layer, await fixedUpstream.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ConcurrentRequestsForOneMissingBlob_CauseOneUpstreamFetch()
    {
        UpstreamImage image = content.Platforms[1];
        content.BlobGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<HttpResponseMessage>[] pulls = [.. Enumerable.Range(0, 8).Select(_ => registry.Admin.GetAsync(BlobPath(image.LayerDigest)))];
        await WaitUntilAsync(() => upstream.Count("GET", $"/v2/team/app/blobs/{image.LayerDigest}") == 1);
        await Task.Delay(200);   // let the other requests arrive and join the fetch in progress
        content.BlobGate.SetResult();
        HttpResponseMessage[] responses = await Task.WhenAll(pulls);

        foreach (HttpResponseMessage response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(image.Layer, await response.Content.ReadAsByteArrayAsync());
            response.Dispose();
        }

        Assert.Equal(1, upstream.Count("GET", $"/v2/team/app/blobs/{image.LayerDigest}"));
    }

    [Fact]
    public async Task ClientGoingAway_DoesNotCancelTheFetchForOthers()
    {
        UpstreamImage image = content.Platforms[0];
        content.BlobGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        Task<HttpResponseMessage> leaving = registry.Admin.GetAsync(BlobPath(image.ConfigDigest), impatient.Token);
        await WaitUntilAsync(() => upstream.Count("GET", $"/v2/team/app/blobs/{image.ConfigDigest}") == 1);
        Task<HttpResponseMessage> staying = registry.Admin.GetAsync(BlobPath(image.ConfigDigest));
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        content.BlobGate.SetResult();

        using HttpResponseMessage response = await staying;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, upstream.Count("GET", $"/v2/team/app/blobs/{image.ConfigDigest}"));
    }

    [Fact]
    public async Task RangeRequestForAMissingBlob_IsServed()
    {
        UpstreamImage image = content.Platforms[1];
        var request = new HttpRequestMessage(HttpMethod.Get, BlobPath(image.LayerDigest));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(2, 5);

        using HttpResponseMessage response = await registry.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(image.Layer[2..6], await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
