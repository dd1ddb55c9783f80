using System.Net;
using Registry.Api.Oci;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// A docker remote's download hands the clients their last byte once the bytes hash to the digest, not after the
/// blob store took them, made them durable and linked them (a slow disk or S3 holds back only the store); bytes that
/// do not match are never sent whole, and nothing is committed for them. The store's reads and commits wait at gates
/// the test opens.
/// </summary>
public sealed class RemoteBlobDurabilityTests(GatedCommitRemoteRegistry registry) : IClassFixture<GatedCommitRemoteRegistry>, IAsyncLifetime
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
        registry.Blobs.CommitGate?.TrySetResult();
        registry.Blobs.CommitGate = null;
        registry.Blobs.AppendGate?.TrySetResult();
        registry.Blobs.AppendGate = null;
        await registry.Service<RemoteBlobs>().DownloadsEndedAsync();
        await upstream.DisposeAsync();
        timeout.Dispose();
    }

    private UpstreamImage Image => content.Platforms[0];

    private string BlobPath => $"/v2/{key}/team/app/blobs/{Image.LayerDigest}";

    private int UpstreamGets => upstream.Count("GET", $"/v2/team/app/blobs/{Image.LayerDigest}");

    [Fact]
    public async Task TheWholeBlob_ReachesTheClients_WhileItIsStillBeingMadeDurable()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Blobs.CommitGate = gate;
        int commitsBefore = registry.Blobs.Commits;

        using HttpResponseMessage first = await registry.Admin.GetAsync(BlobPath, timeout.Token);
        byte[] firstBytes = await first.Content.ReadAsByteArrayAsync(timeout.Token);
        using HttpResponseMessage second = await registry.Admin.GetAsync(BlobPath, timeout.Token);
        byte[] secondBytes = await second.Content.ReadAsByteArrayAsync(timeout.Token);
        BlobInfo? whileCommitting = await StoredAsync();
        int commitsWaiting = registry.Blobs.Commits - commitsBefore;

        gate.SetResult();
        await registry.Service<RemoteBlobs>().DownloadsEndedAsync().WaitAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Image.Layer, firstBytes);
        Assert.Equal(Image.Layer, secondBytes);
        Assert.Equal(1, commitsWaiting);
        Assert.Null(whileCommitting);
        Assert.Equal(1, UpstreamGets);
        Assert.NotNull(await StoredAsync());
        Assert.Empty(Directory.GetFiles(registry.Service<RemoteBlobSpools>().Root, "*.spool"));
    }

    [Fact]
    public async Task TheWholeBlob_ReachesTheClient_BeforeTheStoreReadAByte()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Blobs.AppendGate = gate;

        using HttpResponseMessage response = await registry.Admin.GetAsync(BlobPath, timeout.Token);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        BlobInfo? whileStoring = await StoredAsync();

        gate.SetResult();
        await registry.Service<RemoteBlobs>().DownloadsEndedAsync().WaitAsync(timeout.Token);

        Assert.Equal(Image.Layer, bytes);
        Assert.Null(whileStoring);
        Assert.NotNull(await StoredAsync());
        Assert.Equal(1, UpstreamGets);
    }

    [Fact]
    public async Task BytesThatDoNotMatchTheDigest_AreNeverSentWhole_AndNeverCommitted()
    {
        byte[] wrong = [.. Image.Layer];
        wrong[^1] ^= 0xff;
        content.WrongBytes[Image.LayerDigest] = wrong;
        registry.Blobs.CommitGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int commitsBefore = registry.Blobs.Commits;

        using HttpResponseMessage response = await registry.Admin.GetAsync(BlobPath, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Exception? failed = await Record.ExceptionAsync(async () => await response.Content.ReadAsByteArrayAsync(timeout.Token));
        await registry.Service<RemoteBlobs>().DownloadsEndedAsync().WaitAsync(timeout.Token);

        Assert.True(
            failed is IOException or HttpRequestException || response.StatusCode == HttpStatusCode.BadGateway,
            $"the client got {(int)response.StatusCode} and {failed?.GetType().Name ?? "a complete body"}");
        Assert.Equal(0, registry.Blobs.Commits - commitsBefore);
        Assert.Null(await StoredAsync());
    }

    private async Task<BlobInfo?> StoredAsync()
        => await registry.Service<IBlobStore>().StatAsync(Digest.Parse(Image.LayerDigest), CancellationToken.None);
}
