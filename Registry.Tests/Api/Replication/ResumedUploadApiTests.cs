using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Upstream;
using Registry.Core.Replication;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// A push run broken mid-blob (the connection to the other registry fails after some PATCH chunks were accepted)
/// leaves the upload saved; the next run asks the other registry how far it got and sends only the rest, not the
/// blobs the first run finished. When the other registry forgot the upload, or holds fewer bytes than were confirmed,
/// the blob is sent again from the start.
/// </summary>
public sealed class ResumedUploadApiTests : IDisposable
{
    private const int Chunk = 65536;
    private readonly AuthRegistry _destination = new();
    private readonly Link _link = new();
    private readonly AuthRegistry _source;

    public ResumedUploadApiTests() => _source = new SourceRegistry(_destination, _link);

    public void Dispose()
    {
        _source.Dispose();
        _destination.Dispose();
    }

    private HttpClient Source => _source.Admin;

    private HttpClient Destination => _destination.Admin;

    [Fact]
    public async Task ARunBrokenMidBlob_IsContinuedByTheNextRun_SendingOnlyTheRemainingBytes()
    {
        (string repository, byte[] small, byte[] large) = await PushImageAsync();
        string largeDigest = Digests.Sha256(large);
        await CreateRuleAsync(repository);

        _link.BreakAtPatch = 2 + 6 + 1; // the small layer's two chunks and six of the large one's are accepted
        JsonElement broken = await RunAsync();
        Assert.True(broken.GetProperty("status").GetString() == "failed", broken.GetRawText());
        Assert.Contains("could not be reached", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);
        ReplicationUpload saved = Assert.Single(await SavedAsync());
        Assert.Equal((largeDigest, (long)large.Length, 6L * Chunk), (saved.Digest, saved.Size, saved.Offset));

        _link.BreakAtPatch = null;
        _link.Clear();
        JsonElement resumed = await RunAsync();

        Assert.True(resumed.GetProperty("status").GetString() == "succeeded", resumed.GetRawText());
        Assert.Equal(large.Length - (6L * Chunk), _link.UploadedBytes);
        Assert.Equal(large.Length - (6L * Chunk), resumed.GetProperty("bytes").GetInt64());
        Assert.Equal((1, 2), (resumed.GetProperty("blobsSent").GetInt32(), resumed.GetProperty("blobsSkipped").GetInt32()));
        Assert.DoesNotContain(_link.Requests, r => r.Method == HttpMethod.Post); // no upload started again
        Assert.Contains(_link.Requests, r => r.Method == HttpMethod.Get && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.Empty(await SavedAsync());
        await AssertBlobAsync($"dr/{repository}", large);
        await AssertBlobAsync($"dr/{repository}", small);
    }

    [Fact]
    public async Task AnUploadTheOtherRegistryForgot_IsSentAgainFromTheStart()
    {
        (string repository, _, byte[] large) = await PushImageAsync();
        await CreateRuleAsync(repository);
        _link.BreakAtPatch = 2 + 3 + 1;
        Assert.Equal("failed", (await RunAsync()).GetProperty("status").GetString());
        ReplicationUpload saved = Assert.Single(await SavedAsync());
        using (HttpResponseMessage cancelled = await Destination.DeleteAsync(new Uri(saved.Location).PathAndQuery))
        {
            await OciAssert.SuccessAsync(cancelled, HttpStatusCode.NoContent);
        }

        _link.BreakAtPatch = null;
        _link.Clear();
        JsonElement again = await RunAsync();

        Assert.True(again.GetProperty("status").GetString() == "succeeded", again.GetRawText());
        Assert.Equal(large.Length, _link.UploadedBytes);
        Assert.Equal(large.Length, again.GetProperty("bytes").GetInt64());
        Assert.Empty(await SavedAsync());
        await AssertBlobAsync($"dr/{repository}", large);
    }

    [Fact]
    public async Task AnUploadHoldingFewerBytesThanConfirmed_IsCancelled_AndTheBlobSentFromTheStart()
    {
        (string repository, _, byte[] large) = await PushImageAsync();
        await CreateRuleAsync(repository);
        _link.BreakAtPatch = 2 + 3 + 1;
        Assert.Equal("failed", (await RunAsync()).GetProperty("status").GetString());
        IReplicationUploadStore store = _source.Service<IReplicationUploadStore>();
        ReplicationUpload saved = Assert.Single(await SavedAsync());
        await store.SaveReplicationUploadAsync(saved with { Offset = saved.Offset + Chunk }, CancellationToken.None); // more than the session holds

        _link.BreakAtPatch = null;
        _link.Clear();
        JsonElement again = await RunAsync();

        Assert.True(again.GetProperty("status").GetString() == "succeeded", again.GetRawText());
        Assert.Equal(large.Length, _link.UploadedBytes);
        Assert.Contains(_link.Requests, r => r.Method == HttpMethod.Delete && r.Path == new Uri(saved.Location).AbsolutePath);
        using (HttpResponseMessage status = await Destination.GetAsync(new Uri(saved.Location).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        }

        Assert.Empty(await SavedAsync());
        await AssertBlobAsync($"dr/{repository}", large);
    }

    [Fact]
    public async Task AnUploadNoRunWillContinue_IsForgottenByTheNextRunInWhichNothingFailed()
    {
        (string repository, _, _) = await PushImageAsync();
        await CreateRuleAsync(repository);
        _link.BreakAtPatch = 2 + 3 + 1;
        Assert.Equal("failed", (await RunAsync()).GetProperty("status").GetString());
        ReplicationUpload saved = Assert.Single(await SavedAsync());

        // The tag moves at the source to an image without the half-sent blob: no run will send that blob again.
        PushedManifest other = await Source.PushImageAsync(repository, "1.0");

        _link.BreakAtPatch = null;
        _link.Clear();
        JsonElement clean = await RunAsync();

        Assert.True(clean.GetProperty("status").GetString() == "succeeded", clean.GetRawText());
        Assert.DoesNotContain(_link.Requests, r => r.Path.Contains(new Uri(saved.Location).AbsolutePath, StringComparison.Ordinal));
        Assert.Empty(await SavedAsync());
        using HttpResponseMessage there = await Destination.GetAsync($"/v2/dr/{repository}/manifests/{other.Digest}");
        Assert.Equal(HttpStatusCode.OK, there.StatusCode);
    }

    /// <summary>An image with a config, a 150 kB layer (two PATCH chunks and a PUT) and a 1 MB layer (fifteen chunks and a PUT).</summary>
    private async Task<(string Repository, byte[] Small, byte[] Large)> PushImageAsync()
    {
        string repository = AuthRegistry.UniqueName("team") + "/app";
        byte[] config = Manifests.Config();
        byte[] small = Digests.RandomBytes(150_000);
        byte[] large = Digests.RandomBytes(1_000_000);
        foreach (byte[] blob in new[] { config, small, large })
        {
            await Source.PushBlobAsync(repository, blob);
        }

        byte[] image = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, small), Descriptor.For(MediaTypes.OciLayer, large)]);
        await Source.PushManifestAsync(repository, image, MediaTypes.OciManifest, "1.0");
        return (repository, small, large);
    }

    private async Task CreateRuleAsync(string repository)
    {
        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "dr",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { repository } },
            mapping = new { mode = "prefix", from = string.Empty, to = "dr" },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
    }

    private async Task<JsonElement> RunAsync()
    {
        using HttpResponseMessage response = await Source.PostAsync("/api/v1/replication/rules/dr/run", null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<IReadOnlyList<ReplicationUpload>> SavedAsync()
        => await _source.Service<IReplicationUploadStore>().ListReplicationUploadsAsync("dr", CancellationToken.None);

    private async Task AssertBlobAsync(string repository, byte[] expected)
    {
        using HttpResponseMessage blob = await Destination.GetAsync($"/v2/{repository}/blobs/{Digests.Sha256(expected)}");
        await OciAssert.SuccessAsync(blob, HttpStatusCode.OK);
        Assert.Equal(expected, await blob.Content.ReadAsByteArrayAsync());
    }

    private sealed class SourceRegistry(AuthRegistry destination, Link link) : AuthRegistry(
        new Dictionary<string, string> { ["Registry:Replication:ChunkSize"] = Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Registry:Upstream:MaxRetries"] = "1" },
        services => services.AddHttpClient(UpstreamServiceCollectionExtensions.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new LinkHandler(link, destination.Factory.Server.CreateHandler())));

    /// <summary>
    /// The source's link to the destination's test server: records each request and the upload bytes it carries, and
    /// when armed fails the connection at the <see cref="BreakAtPatch"/>th PATCH (the bytes never arrive).
    /// </summary>
    private sealed class Link
    {
        private readonly ConcurrentQueue<(HttpMethod Method, string Path)> _requests = new();
        private int _patches;
        private long _uploaded;

        public int? BreakAtPatch { get; set; }

        public IReadOnlyList<(HttpMethod Method, string Path)> Requests => [.. _requests];

        public long UploadedBytes => Interlocked.Read(ref _uploaded);

        public void Clear()
        {
            _requests.Clear();
            _patches = 0;
            Interlocked.Exchange(ref _uploaded, 0);
        }

        /// <summary>Records the request; false when the link breaks under it.</summary>
        public bool Pass(HttpRequestMessage request)
        {
            _requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath));
            if (request.Method == HttpMethod.Patch && Interlocked.Increment(ref _patches) >= BreakAtPatch)
            {
                return false;
            }

            if ((request.Method == HttpMethod.Patch || request.Method == HttpMethod.Put) && request.RequestUri.AbsolutePath.Contains("/blobs/uploads/", StringComparison.Ordinal))
            {
                Interlocked.Add(ref _uploaded, request.Content?.Headers.ContentLength ?? 0);
            }

            return true;
        }
    }

    private sealed class LinkHandler(Link link, HttpMessageHandler server) : DelegatingHandler(server)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => link.Pass(request) ? base.SendAsync(request, cancellationToken) : throw new HttpRequestException("connection reset (test)");
    }
}
