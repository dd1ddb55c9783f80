using System.Net;
using System.Net.Http.Json;
using Registry.Core.Gc;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Api.Artifacts;

namespace Registry.Tests.Api.Gc;

/// <summary>
/// Collection and artifact repositories together: an artifact file is a reference, deleting or overwriting one hands
/// its bytes to collection, and deploys take part in the pin protocol. Runs on both backends.
/// </summary>
public sealed class GcArtifactApiTests : IDisposable
{
    private readonly GcRegistry _registry = new();

    private HttpClient Client => _registry.Client;

    public void Dispose() => _registry.Dispose();

    private async Task DeleteOkAsync(string url)
    {
        using HttpResponseMessage response = await Client.DeleteAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted, $"DELETE {url} answered {(int)response.StatusCode}");
    }

    private async Task<HttpStatusCode> DownloadStatusAsync(string url, byte[]? expected = null)
    {
        using HttpResponseMessage response = await Client.GetAsync(url);
        if (expected is not null && response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(ArtifactRequests.Sha256(expected), ArtifactRequests.Sha256(await response.Content.ReadAsByteArrayAsync()));
        }

        return response.StatusCode;
    }

    [Fact]
    public async Task DeletedArtifact_AfterAPass_ItsBytesAreGoneFromTheStore_AndItsUrlAnswers404()
    {
        string repo = await Client.CreateArtifactRepositoryAsync();
        byte[] content = Digests.RandomBytes(3000);
        string digest = "sha256:" + ArtifactRequests.Sha256(content);
        await Client.DeployOkAsync($"/artifactory/{repo}/tools/app.bin", content);
        _registry.ExpirePins();
        Assert.Empty((await _registry.RunAsync()).Removed);   // referenced by the file
        Assert.True(_registry.Storage.HasStoredBlob(digest));

        await DeleteOkAsync($"/artifactory/{repo}/tools");
        (HashSet<string> removed, long bytes) = await _registry.RunAsync();

        Assert.Equal([digest], removed);
        Assert.Equal(content.Length, bytes);
        Assert.False(_registry.Storage.HasStoredBlob(digest));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadStatusAsync($"/artifactory/{repo}/tools/app.bin"));
    }

    [Fact]
    public async Task BytesThatAreAnArtifactAndAnImageLayer_SurviveTheImage_AndGoWithTheArtifact()
    {
        string repo = await Client.CreateArtifactRepositoryAsync();
        byte[] layer = Digests.RandomBytes(5000);
        byte[] config = Manifests.Config();
        string layerDigest = await Client.PushBlobAsync("gc/art-shared", layer);
        await Client.PushBlobAsync("gc/art-shared", config);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        PushedManifest image = await Client.PushManifestAsync("gc/art-shared", manifest, MediaTypes.OciManifest, "v1");
        await Client.DeployOkAsync($"/artifactory/{repo}/layer.tar", layer);

        await DeleteOkAsync($"/v2/gc/art-shared/manifests/{image.Digest}");
        _registry.ExpirePins();
        (HashSet<string> removed, _) = await _registry.RunAsync();

        Assert.Equal([image.Digest, Digests.Sha256(config)], removed);
        Assert.True(_registry.Storage.HasStoredBlob(layerDigest));
        Assert.Equal(HttpStatusCode.OK, await DownloadStatusAsync($"/artifactory/{repo}/layer.tar", layer));

        await DeleteOkAsync($"/artifactory/{repo}/layer.tar");
        Assert.Equal([layerDigest], (await _registry.RunAsync()).Removed);
        Assert.False(_registry.Storage.HasStoredBlob(layerDigest));
        Assert.Equal(HttpStatusCode.NotFound, await DownloadStatusAsync($"/artifactory/{repo}/layer.tar"));
    }

    [Fact]
    public async Task SnapshotRedeploy_HandsTheOldContentToCollection_AndKeepsTheNew()
    {
        string repo = await Client.CreateArtifactRepositoryAsync("maven");
        string url = $"/artifactory/{repo}/com/acme/app/1.0-SNAPSHOT/app-1.0-SNAPSHOT.jar";
        byte[] first = Digests.RandomBytes(2000);
        byte[] second = Digests.RandomBytes(2100);
        await Client.DeployOkAsync(url, first);
        await Client.DeployOkAsync(url, second);
        _registry.ExpirePins();

        (HashSet<string> preview, _) = await _registry.PreviewAsync();
        (HashSet<string> removed, long bytes) = await _registry.RunAsync();

        Assert.Equal(["sha256:" + ArtifactRequests.Sha256(first)], removed);
        Assert.Equal(preview, removed);
        Assert.Equal(first.Length, bytes);
        Assert.Equal(HttpStatusCode.OK, await DownloadStatusAsync(url, second));
        Assert.True(_registry.Storage.HasStoredBlob("sha256:" + ArtifactRequests.Sha256(second)));
    }

    [Fact]
    public async Task RetentionRun_DeletesNoBytesItself_AndThePassRemovesTheDeletedVersionAndTheReplacedMetadata()
    {
        string repo = await Client.CreateArtifactRepositoryAsync("maven");
        string artifact = $"/artifactory/{repo}/org/acme/lib";
        byte[] oldJar = Digests.RandomBytes(1000);
        byte[] newJar = Digests.RandomBytes(1100);
        byte[] metadata = System.Text.Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <metadata><groupId>org.acme</groupId><artifactId>lib</artifactId><versioning><latest>2.0.0</latest><release>2.0.0</release>
            <versions><version>1.0.0</version><version>2.0.0</version></versions><lastUpdated>20260101000000</lastUpdated></versioning></metadata>
            """);
        await Client.DeployOkAsync($"{artifact}/1.0.0/lib-1.0.0.jar", oldJar);
        await Client.DeployOkAsync($"{artifact}/2.0.0/lib-2.0.0.jar", newJar);
        await Client.DeployOkAsync($"{artifact}/maven-metadata.xml", metadata);
        using (HttpResponseMessage set = await Client.PutAsJsonAsync($"/api/v1/artifact-repositories/{repo}/retention",
            new { rules = new[] { new { kind = "highest-versions", count = 1 } } }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        System.Text.Json.JsonElement run = await _registry.CallAsync(HttpMethod.Post, $"/api/v1/artifact-repositories/{repo}/retention/run");
        Assert.Equal(oldJar.Length, run.GetProperty("bytesFreed").GetInt64());
        string oldDigest = "sha256:" + ArtifactRequests.Sha256(oldJar);
        Assert.True(_registry.Storage.HasStoredBlob(oldDigest));   // collection's to remove, not the run's

        _registry.ExpirePins();
        (HashSet<string> removed, _) = await _registry.RunAsync();

        Assert.Equal([oldDigest, "sha256:" + ArtifactRequests.Sha256(metadata)], removed);
        Assert.False(_registry.Storage.HasStoredBlob(oldDigest));
        Assert.Equal(HttpStatusCode.OK, await DownloadStatusAsync($"{artifact}/2.0.0/lib-2.0.0.jar", newJar));
        using HttpResponseMessage rewritten = await Client.GetAsync($"{artifact}/maven-metadata.xml");
        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);
        Assert.DoesNotContain("<version>1.0.0</version>", await rewritten.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeployByChecksum_OfContentAPassIsDeleting_Answers404_AndRecordsNoFile()
    {
        string repo = await Client.CreateArtifactRepositoryAsync();
        byte[] bytes = Digests.RandomBytes(800);
        string digest = await Client.PushBlobAsync("gc/art-checksum", bytes);   // a layer no manifest uses
        _registry.ExpirePins();
        var gc = _registry.Service<IGcStore>();
        Digest parsed = Digest.Parse(digest);
        Assert.NotNull(await gc.TryMarkDeletingAsync(parsed, _registry.Clock.GetUtcNow(), CancellationToken.None));   // a pass, half-way
        (string, string)[] byChecksum = [("X-Checksum-Deploy", "true"), ("X-Checksum-Sha256", Digests.Hex(digest))];

        using (HttpResponseMessage deploy = await Client.DeployAsync($"/artifactory/{repo}/layer.tar", [], byChecksum))
        {
            await ArtifactRequests.ErrorAsync(deploy, HttpStatusCode.NotFound);
        }

        await _registry.Service<IBlobStore>().DeleteAsync(parsed, CancellationToken.None);   // the pass goes on: bytes, then rows
        Assert.True(await gc.CompleteDeletionAsync(parsed, CancellationToken.None));
        using (HttpResponseMessage deploy = await Client.DeployAsync($"/artifactory/{repo}/layer.tar", [], byChecksum))
        {
            await ArtifactRequests.ErrorAsync(deploy, HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.NotFound, await DownloadStatusAsync($"/artifactory/{repo}/layer.tar"));
        await Client.DeployOkAsync($"/artifactory/{repo}/layer.tar", bytes);   // the bytes themselves: stored afresh
        Assert.Equal(HttpStatusCode.OK, await DownloadStatusAsync($"/artifactory/{repo}/layer.tar", bytes));
    }

    [Fact]
    public async Task DeployOfContentAPassIsDeleting_WaitsForTheDeletion_ThenStoresItAfresh()
    {
        string repo = await Client.CreateArtifactRepositoryAsync();
        byte[] bytes = Digests.RandomBytes(900);
        await Client.DeployOkAsync($"/artifactory/{repo}/old.bin", bytes);
        await DeleteOkAsync($"/artifactory/{repo}/old.bin");
        _registry.ExpirePins();
        var gc = _registry.Service<IGcStore>();
        Digest digest = Digest.Parse("sha256:" + ArtifactRequests.Sha256(bytes));
        Assert.NotNull(await gc.TryMarkDeletingAsync(digest, _registry.Clock.GetUtcNow(), CancellationToken.None));

        Task<System.Text.Json.JsonElement> deploy = Client.DeployOkAsync($"/artifactory/{repo}/new.bin", bytes);
        await Task.WhenAny(deploy, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(deploy.IsCompleted, "the deploy did not wait for the deletion of its content");

        await _registry.Service<IBlobStore>().DeleteAsync(digest, CancellationToken.None);
        Assert.True(await gc.CompleteDeletionAsync(digest, CancellationToken.None));
        await deploy;

        Assert.Equal(HttpStatusCode.OK, await DownloadStatusAsync($"/artifactory/{repo}/new.bin", bytes));
        _registry.ExpirePins();
        Assert.Empty((await _registry.RunAsync()).Removed);   // the new file references it
        Assert.True(_registry.Storage.HasStoredBlob(digest.Value));
    }
}
