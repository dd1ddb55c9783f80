using System.Net;
using System.Net.Http.Headers;
using Registry.Api.Oci;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// A docker remote's blob download streamed to the clients waiting for it: bytes reach them while the upstream is
/// still sending, every client gets the same bytes from one upstream GET, a client leaving does not stop the others,
/// bytes that do not match the digest abort the transfers and store nothing, ranges are served from the download,
/// and a HEAD downloads nothing. The upstream sends half a blob and then waits for the test (<see cref="UpstreamRepository.HalfGate"/>).
/// </summary>
public sealed class RemoteBlobStreamingTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
{
    private readonly UpstreamRepository content = new("team/app");
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
    private FakeUpstream upstream = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = content.HandleAsync;
        key = await registry.CreateRemoteAsync(upstream.BaseUri);
    }

    public async Task DisposeAsync()
    {
        content.HalfGate?.TrySetResult();
        await upstream.DisposeAsync();
        timeout.Dispose();
    }

    private UpstreamImage Image => content.Platforms[0];

    private int Half => Image.Layer.Length / 2;

    private string BlobPath => $"/v2/{key}/team/app/blobs/{Image.LayerDigest}";

    private int UpstreamGets => upstream.Count("GET", $"/v2/team/app/blobs/{Image.LayerDigest}");

    [Fact]
    public async Task FirstBytes_ReachTheClient_BeforeTheUpstreamSentTheWholeBlob()
    {
        content.HalfGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using HttpResponseMessage response = await StartPullAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Image.Layer.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Image.LayerDigest, response.Headers.GetValues("Docker-Content-Digest").Single());
        await using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token);
        Assert.Equal(Image.Layer[..Half], await ReadAsync(body, Half));
        Assert.Null(await StoredAsync());

        content.HalfGate.SetResult();
        Assert.Equal(Image.Layer[Half..], await ReadToEndAsync(body));
        await registry.Service<RemoteBlobs>().DownloadsEndedAsync().WaitAsync(timeout.Token);
        Assert.NotNull(await StoredAsync());
        Assert.Empty(Directory.GetFiles(Spools.Root, "*.spool"));
    }

    [Fact]
    public async Task SpoolFilesACrashLeftBehind_AreRemovedByALaterDownload()
    {
        Directory.CreateDirectory(Spools.Root);
        string stale = Path.Combine(Spools.Root, Guid.NewGuid().ToString("N") + ".spool");
        string recent = Path.Combine(Spools.Root, Guid.NewGuid().ToString("N") + ".spool");
        await File.WriteAllBytesAsync(stale, [1, 2, 3], timeout.Token);
        await File.WriteAllBytesAsync(recent, [4, 5, 6], timeout.Token);
        File.SetLastWriteTimeUtc(stale, registry.Clock.GetUtcNow().UtcDateTime - RemoteBlobSpools.StaleAfter - RemoteBlobSpools.SweepEvery - TimeSpan.FromMinutes(1));
        registry.Clock.Advance(RemoteBlobSpools.SweepEvery);

        using HttpResponseMessage response = await registry.Admin.GetAsync(BlobPath, timeout.Token);

        Assert.Equal(Image.Layer, await response.Content.ReadAsByteArrayAsync(timeout.Token));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
        File.Delete(recent);
    }

    [Fact]
    public async Task TwoClients_ReceiveIdenticalCompleteBytes_FromOneUpstreamGet()
    {
        content.HalfGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using HttpResponseMessage first = await StartPullAsync();
        await using Stream firstBody = await first.Content.ReadAsStreamAsync(timeout.Token);
        byte[] firstHalf = await ReadAsync(firstBody, Half);
        using HttpResponseMessage second = await StartPullAsync();
        await using Stream secondBody = await second.Content.ReadAsStreamAsync(timeout.Token);
        byte[] secondHalf = await ReadAsync(secondBody, Half);
        content.HalfGate.SetResult();

        Assert.Equal(Image.Layer, (byte[])[.. firstHalf, .. await ReadToEndAsync(firstBody)]);
        Assert.Equal(Image.Layer, (byte[])[.. secondHalf, .. await ReadToEndAsync(secondBody)]);
        Assert.Equal(1, UpstreamGets);
    }

    [Fact]
    public async Task ClientCancellingMidStream_DoesNotStopTheOther()
    {
        content.HalfGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        HttpResponseMessage leaving = await StartPullAsync();
        Stream leavingBody = await leaving.Content.ReadAsStreamAsync(timeout.Token);
        await ReadAsync(leavingBody, Half);
        using HttpResponseMessage staying = await StartPullAsync();
        await using Stream stayingBody = await staying.Content.ReadAsStreamAsync(timeout.Token);
        byte[] stayingHalf = await ReadAsync(stayingBody, Half);
        await leavingBody.DisposeAsync();
        leaving.Dispose();
        content.HalfGate.SetResult();

        Assert.Equal(Image.Layer, (byte[])[.. stayingHalf, .. await ReadToEndAsync(stayingBody)]);
        await registry.Service<RemoteBlobs>().DownloadsEndedAsync().WaitAsync(timeout.Token);
        Assert.NotNull(await StoredAsync());
        Assert.Equal(1, UpstreamGets);
    }

    [Fact]
    public async Task DigestMismatch_AbortsTheStreamingClients_AndStoresNothing()
    {
        byte[] wrong = [.. Image.Layer];
        wrong[^1] ^= 0xff;
        content.WrongBytes[Image.LayerDigest] = wrong;
        content.HalfGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using HttpResponseMessage streaming = await StartPullAsync();
        Assert.Equal(HttpStatusCode.OK, streaming.StatusCode);
        await using Stream body = await streaming.Content.ReadAsStreamAsync(timeout.Token);
        Assert.Equal(Image.Layer[..Half], await ReadAsync(body, Half));
        content.HalfGate.SetResult();

        Exception failed = await Assert.ThrowsAnyAsync<Exception>(() => ReadToEndAsync(body));
        Assert.True(failed is IOException or HttpRequestException, failed.ToString());
        Assert.Null(await StoredAsync());

        content.WrongBytes.Clear();
        content.HalfGate = null;
        using HttpResponseMessage again = await registry.Admin.GetAsync(BlobPath, timeout.Token);
        Assert.Equal(Image.Layer, await again.Content.ReadAsByteArrayAsync(timeout.Token));
        Assert.Equal(2, UpstreamGets);
    }

    [Fact]
    public async Task RangeOnADownloadInProgress_Returns206WithTheRightBytes()
    {
        content.HalfGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using HttpResponseMessage pulling = await StartPullAsync();
        await using Stream body = await pulling.Content.ReadAsStreamAsync(timeout.Token);
        await ReadAsync(body, Half);

        using (HttpResponseMessage arrived = await RangeAsync(1, 3))
        {
            Assert.Equal(HttpStatusCode.PartialContent, arrived.StatusCode);
            Assert.Equal($"bytes 1-3/{Image.Layer.Length}", arrived.Content.Headers.ContentRange?.ToString());
            Assert.Equal(Image.Layer[1..4], await arrived.Content.ReadAsByteArrayAsync(timeout.Token));
        }

        Task<HttpResponseMessage> pending = RangeAsync(Half, Image.Layer.Length - 1);
        content.HalfGate.SetResult();
        using HttpResponseMessage tail = await pending;
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(Image.Layer[Half..], await tail.Content.ReadAsByteArrayAsync(timeout.Token));
        Assert.Equal(1, UpstreamGets);
        Assert.All(upstream.Requests, r => Assert.Null(r.Range));
    }

    [Fact]
    public async Task HeadOfAMissingBlob_AsksTheUpstreamWithHead_AndDownloadsNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, BlobPath);

        using HttpResponseMessage response = await registry.Admin.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Image.Layer.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Image.LayerDigest, response.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(0, UpstreamGets);
        Assert.Equal(1, upstream.Count("HEAD", $"/v2/team/app/blobs/{Image.LayerDigest}"));
        Assert.Null(await StoredAsync());
    }

    private RemoteBlobSpools Spools => registry.Service<RemoteBlobSpools>();

    private Task<HttpResponseMessage> StartPullAsync()
        => registry.Admin.GetAsync(BlobPath, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

    private Task<HttpResponseMessage> RangeAsync(long from, long to)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BlobPath);
        request.Headers.Range = new RangeHeaderValue(from, to);
        return registry.Admin.SendAsync(request, timeout.Token);
    }

    private async Task<BlobInfo?> StoredAsync()
        => await registry.Service<IBlobStore>().StatAsync(Digest.Parse(Image.LayerDigest), CancellationToken.None);

    private async Task<byte[]> ReadAsync(Stream body, int count)
    {
        byte[] buffer = new byte[count];
        await body.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    private async Task<byte[]> ReadToEndAsync(Stream body)
    {
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest, timeout.Token);
        return rest.ToArray();
    }
}
