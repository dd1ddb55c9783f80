using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Gc;

namespace Registry.Tests.Api.Gc;

/// <summary>
/// Collection through the API on a registry of its own: deleted images lose their bytes, shared layers and pinned
/// blobs stay, and the dry run names exactly what the pass then removes. Runs on both backends.
/// </summary>
public sealed class GcApiTests : IDisposable
{
    private readonly GcRegistry _registry = new();

    private HttpClient Client => _registry.Client;

    public void Dispose() => _registry.Dispose();

    /// <summary>Pushes an image of a config and the given layers; returns the manifest and every digest it uses.</summary>
    private async Task<(PushedManifest Manifest, string[] Digests, long Bytes)> PushImageAsync(string repository, string tag, params byte[][] layers)
    {
        byte[] config = Manifests.Config();
        await Client.PushBlobAsync(repository, config);
        foreach (byte[] layer in layers)
        {
            await Client.PushBlobAsync(repository, layer);
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [.. layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l))]);
        PushedManifest pushed = await Client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag);
        return (pushed, [pushed.Digest, Digests.Sha256(config), .. layers.Select(l => Digests.Sha256(l))], manifest.Length + config.Length + layers.Sum(l => (long)l.Length));
    }

    private async Task<HttpStatusCode> BlobStatusAsync(string repository, string digest)
    {
        using HttpResponseMessage response = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");
        return response.StatusCode;
    }

    [Fact]
    public async Task DeletedImage_AfterAPass_ItsBlobsAnswer404_AndTheirBytesAreGoneFromTheStore()
    {
        (PushedManifest image, string[] digests, long imageBytes) = await PushImageAsync("gc/app", "v1", Digests.RandomBytes(300));
        int storedBefore = _registry.Storage.CountBlobFiles();
        using (HttpResponseMessage deleted = await Client.DeleteAsync($"/v2/gc/app/manifests/{image.Digest}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        Assert.Empty((await _registry.RunAsync()).Removed);   // still pinned by the push
        _registry.ExpirePins();
        (HashSet<string> removed, long bytes) = await _registry.RunAsync();

        Assert.Equal(digests.ToHashSet(), removed);
        Assert.Equal(imageBytes, bytes);
        Assert.Equal(storedBefore - 3, _registry.Storage.CountBlobFiles());
        foreach (string digest in digests)
        {
            Assert.False(_registry.Storage.HasStoredBlob(digest), digest);
        }

        Assert.Equal(HttpStatusCode.NotFound, await BlobStatusAsync("gc/app", digests[2]));
        Assert.Equal(HttpStatusCode.NotFound, await BlobStatusAsync("gc/app", digests[1]));
        Assert.Empty((await _registry.RunAsync()).Removed);
    }

    [Fact]
    public async Task LayerSharedWithAnotherRepository_SurvivesThePass_AndThatImagePullsCompletely()
    {
        byte[] shared = Digests.RandomBytes(500);
        (PushedManifest gone, string[] goneDigests, _) = await PushImageAsync("gc/one", "v1", shared, Digests.RandomBytes(100));
        (_, string[] keptDigests, _) = await PushImageAsync("gc/two", "v1", shared);
        using (HttpResponseMessage deleted = await Client.DeleteAsync($"/v2/gc/one/manifests/{gone.Digest}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        _registry.ExpirePins();
        (HashSet<string> removed, _) = await _registry.RunAsync();

        Assert.Equal(goneDigests.Except(keptDigests).ToHashSet(), removed);
        Assert.Equal(3, removed.Count);   // manifest, config, unique layer
        using HttpResponseMessage manifest = await Client.GetAsync("/v2/gc/two/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        foreach (string digest in keptDigests.Skip(1))
        {
            using HttpResponseMessage blob = await Client.GetAsync($"/v2/gc/two/blobs/{digest}");
            Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
            Assert.Equal(digest, Digests.Sha256(await blob.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task BlobAClientWasToldExists_OutlivesAPass_AndItsManifestPutSucceeds_WhileAnUncheckedOneIsCollected()
    {
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(200);
        byte[] abandoned = Digests.RandomBytes(50);
        string configDigest = await Client.PushBlobAsync("gc/pin", config);
        string layerDigest = await Client.PushBlobAsync("gc/pin", layer);
        string abandonedDigest = await Client.PushBlobAsync("gc/pin", abandoned);
        _registry.ExpirePins();   // the uploads were long ago: only the HEAD below protects the image's blobs now

        foreach (string digest in new[] { configDigest, layerDigest })
        {
            using HttpResponseMessage head = await Client.HeadAsync($"/v2/gc/pin/blobs/{digest}");
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        }

        (HashSet<string> removed, _) = await _registry.RunAsync();
        Assert.Equal([abandonedDigest], removed);

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        await Client.PushManifestAsync("gc/pin", manifest, MediaTypes.OciManifest, "v1");
        _registry.ExpirePins();
        Assert.Empty((await _registry.RunAsync()).Removed);
        Assert.Equal(HttpStatusCode.OK, await BlobStatusAsync("gc/pin", layerDigest));
        Assert.Equal(HttpStatusCode.NotFound, await BlobStatusAsync("gc/pin", abandonedDigest));
    }

    [Fact]
    public async Task BlobMountedAfterItsPinsExpired_OutlivesAPass_AndTheTargetsManifestPutSucceeds()
    {
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(300);
        string[] digests = [await Client.PushBlobAsync("gc/mount-source", config), await Client.PushBlobAsync("gc/mount-source", layer)];
        _registry.ExpirePins();   // only the mounts below protect the blobs now; no manifest uses them

        foreach (string digest in digests)
        {
            using HttpResponseMessage mount = await Client.PostAsync($"/v2/gc/mount-target/blobs/uploads/?mount={digest}&from=gc/mount-source", null);
            Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        }

        (HashSet<string> removed, _) = await _registry.RunAsync();
        Assert.Empty(removed.Intersect(digests));

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        await Client.PushManifestAsync("gc/mount-target", manifest, MediaTypes.OciManifest, "v1");
        Assert.Equal(HttpStatusCode.OK, await BlobStatusAsync("gc/mount-target", digests[1]));
    }

    [Fact]
    public async Task DryRun_NamesExactlyWhatThePassThenRemoves()
    {
        byte[] shared = Digests.RandomBytes(400);
        (PushedManifest a, _, _) = await PushImageAsync("gc/dry-a", "v1", shared, Digests.RandomBytes(10));
        await PushImageAsync("gc/dry-b", "v1", shared);
        (PushedManifest c, _, _) = await PushImageAsync("gc/dry-c", "v1", Digests.RandomBytes(20));
        string unlinked = await Client.PushBlobAsync("gc/dry-d", Digests.RandomBytes(30));
        await Client.PushBlobAsync("gc/dry-d", Digests.RandomBytes(40));   // abandoned upload
        foreach ((string repository, string digest) in new[] { ("gc/dry-a", a.Digest), ("gc/dry-c", c.Digest) })
        {
            using HttpResponseMessage deleted = await Client.DeleteAsync($"/v2/{repository}/manifests/{digest}");
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        using (HttpResponseMessage unlink = await Client.DeleteAsync($"/v2/gc/dry-d/blobs/{unlinked}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, unlink.StatusCode);
        }

        _registry.ExpirePins();
        (HashSet<string> preview, long previewBytes) = await _registry.PreviewAsync();
        JsonElement status = await _registry.CallAsync(HttpMethod.Get, "/api/v1/gc");
        (HashSet<string> removed, long removedBytes) = await _registry.RunAsync();

        Assert.Equal(8, preview.Count);   // a: manifest, config, own layer; c: manifest, config, layer; two loose blobs
        Assert.Equal(preview, removed);
        Assert.Equal(previewBytes, removedBytes);
        Assert.DoesNotContain(Digests.Sha256(shared), removed);
        Assert.Equal(8, status.GetProperty("queue").GetProperty("due").GetInt64());
        Assert.Equal(previewBytes, status.GetProperty("queue").GetProperty("dueBytes").GetInt64());

        JsonElement after = await _registry.CallAsync(HttpMethod.Get, "/api/v1/gc?runs=5");
        Assert.Equal(0, after.GetProperty("queue").GetProperty("queued").GetInt64());
        JsonElement last = after.GetProperty("lastRun");
        Assert.Equal(("api", 8, removedBytes), (last.GetProperty("trigger").GetString(), last.GetProperty("blobsDeleted").GetInt32(), last.GetProperty("bytesFreed").GetInt64()));
    }

    [Fact]
    public async Task UploadOfADigestAPassIsDeleting_WaitsForTheDeletion_ThenStoresItAfresh()
    {
        byte[] bytes = Digests.RandomBytes(700);
        string digest = await Client.PushBlobAsync("gc/again", bytes);
        _registry.ExpirePins();
        var gc = _registry.Service<Registry.Core.Gc.IGcStore>();
        var blobs = _registry.Service<Registry.Core.Storage.IBlobStore>();
        Registry.Core.Primitives.Digest parsed = Registry.Core.Primitives.Digest.Parse(digest);
        Assert.NotNull(await gc.TryMarkDeletingAsync(parsed, _registry.Clock.GetUtcNow(), CancellationToken.None));   // a pass, half-way
        using (HttpResponseMessage head = await Client.HeadAsync($"/v2/gc/again/blobs/{digest}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        Task<string> upload = Client.PushBlobAsync("gc/again", bytes);
        await Task.WhenAny(upload, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(upload.IsCompleted, "the upload did not wait for the deletion of its digest");

        await blobs.DeleteAsync(parsed, CancellationToken.None);   // the pass goes on: bytes, then rows
        Assert.True(await gc.CompleteDeletionAsync(parsed, CancellationToken.None));
        await upload;

        Assert.True(_registry.Storage.HasStoredBlob(digest));
        using HttpResponseMessage blob = await Client.GetAsync($"/v2/gc/again/blobs/{digest}");
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal(digest, Digests.Sha256(await blob.Content.ReadAsByteArrayAsync()));
        Assert.Empty((await _registry.RunAsync()).Removed);   // pinned by the new upload
    }

    [Fact]
    public async Task StatusIsForAnyoneSignedIn_WhilePreviewAndRunNeedTheGlobalAdminRole_AndRunsAreAudited()
    {
        using (HttpResponseMessage created = await Client.PostAsJsonAsync("/api/v1/users", new { name = "gc-reader", password = "user-password-1" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using HttpClient user = _registry.ClientFor("gc-reader", "user-password-1");
        using HttpClient anonymous = _registry.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/gc")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/gc/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync("/api/v1/gc/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/gc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/v1/gc?runs=0")).StatusCode);

        await _registry.RunAsync();
        JsonElement audit = await _registry.CallAsync(HttpMethod.Get, "/api/v1/audit?action=registry.gc");
        JsonElement entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal(("admin", "removed 0 blobs, 0 bytes, 0 errors"), (entry.GetProperty("actor").GetString(), entry.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ScheduledPasses_AreAuditedAsSystemGc_OnlyWhenTheyRemovedSomething()
    {
        (PushedManifest image, _, long imageBytes) = await PushImageAsync("gc/scheduled", "v1", Digests.RandomBytes(200));
        GarbageCollector collector = _registry.Service<GarbageCollector>();

        Assert.NotNull(await collector.RunAsync(GcWorker.Actor, "schedule", "test-node", TimeSpan.Zero, CancellationToken.None));   // nothing due
        using (HttpResponseMessage deleted = await Client.DeleteAsync($"/v2/gc/scheduled/manifests/{image.Digest}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        _registry.ExpirePins();
        GcPassResult? pass = await collector.RunAsync(GcWorker.Actor, "schedule", "test-node", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(3, pass!.Run.BlobsDeleted);
        JsonElement audit = await _registry.CallAsync(HttpMethod.Get, "/api/v1/audit?action=registry.gc");
        JsonElement entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal(("system:gc", $"removed 3 blobs, {imageBytes} bytes, 0 errors", true),
            (entry.GetProperty("actor").GetString(), entry.GetProperty("detail").GetString(), entry.GetProperty("success").GetBoolean()));
    }
}
