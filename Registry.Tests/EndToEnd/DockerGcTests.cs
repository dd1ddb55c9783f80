using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// docker against garbage collection: two images built on one base layer; deleting one through the API and running a
/// pass removes its own layer's file and keeps the shared one, and docker still pulls the other image whole.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerGcTests(DockerDaemon docker, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _work = TempDirectory.Create("e2e-docker-gc-");
    private RegistryProcess? _registry;

    private RegistryProcess Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public async Task InitializeAsync() => _registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
    {
        ["Registry__Gc__Enabled"] = "false",
        ["Registry__Gc__ReviewDelay"] = "00:00:00",
        ["Registry__Gc__PinDuration"] = "00:00:01",
    });

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            output.WriteLine(_registry.RecentOutput(200));
            await _registry.DisposeAsync();
        }

        _work.Dispose();
    }

    private async Task<Dictionary<string, byte[]>> BuildAsync(string name, string from, string tag, int seed)
    {
        string directory = _work.Combine(name);
        var content = new byte[128 * 1024];
        new Random(seed).NextBytes(content);
        Directory.CreateDirectory(Path.Combine(directory, name));
        await File.WriteAllBytesAsync(Path.Combine(directory, name, "data.bin"), content);
        await File.WriteAllTextAsync(Path.Combine(directory, "Dockerfile"), $"FROM {from}\nCOPY {name}/ /data/{name}/\n");
        await docker.Docker("build", "--tag", tag, "--file", Path.Combine(directory, "Dockerfile"), directory);
        return new Dictionary<string, byte[]>(StringComparer.Ordinal) { [$"data/{name}/data.bin"] = content };
    }

    private string BlobFile(string digest) => Path.Combine(Registry.DataPath, "blobs", "sha256", digest[7..9], digest[7..]);

    [EndToEndFact]
    public async Task DockerImagesSharingABaseLayer_DeleteOneAndCollect_ItsOwnLayerFileGoes_AndTheOtherStillPulls()
    {
        await docker.LoginAsync(Registry);
        string baseTag = $"{Registry.HostPort}/e2e/gc-base:1";
        string gone = $"{Registry.HostPort}/e2e/gc-gone:1";
        string kept = $"{Registry.HostPort}/e2e/gc-kept:1";
        Dictionary<string, byte[]> baseFiles = await BuildAsync("base", "scratch", baseTag, seed: 701);
        await BuildAsync("gone", baseTag, gone, seed: 702);
        Dictionary<string, byte[]> keptFiles = await BuildAsync("kept", baseTag, kept, seed: 703);
        (_, string goneDigest) = await DockerImages.PushAsync(docker, gone);
        (_, string keptDigest) = await DockerImages.PushAsync(docker, kept);

        using HttpClient http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        IReadOnlyList<string> goneLayers = await distribution.GetLayerDigestsAsync("e2e/gc-gone", goneDigest, CancellationToken.None);
        IReadOnlyList<string> keptLayers = await distribution.GetLayerDigestsAsync("e2e/gc-kept", keptDigest, CancellationToken.None);
        string shared = Assert.Single(goneLayers.Intersect(keptLayers));
        string own = Assert.Single(goneLayers.Except(keptLayers));
        Assert.True(File.Exists(BlobFile(own)) && File.Exists(BlobFile(shared)));

        using (HttpResponseMessage deleted = await http.DeleteAsync($"v2/e2e/gc-gone/manifests/{goneDigest}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));   // past the one-second pins of the push
        using (HttpResponseMessage run = await http.PostAsync("api/v1/gc/run", null))
        {
            string body = await run.Content.ReadAsStringAsync();
            Assert.True(run.StatusCode == HttpStatusCode.OK, $"POST /api/v1/gc/run: {(int)run.StatusCode} {body}");
            Assert.Contains(own, body, StringComparison.Ordinal);
            Assert.Contains(goneDigest, body, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(BlobFile(own)), "the deleted image's own layer is still on disk");
        Assert.False(File.Exists(BlobFile(goneDigest)), "the deleted image's manifest is still on disk");
        Assert.True(File.Exists(BlobFile(shared)), "the shared base layer was removed");

        foreach (string reference in new[] { kept, gone, baseTag })
        {
            await docker.Docker("rmi", reference);
        }

        await docker.Docker("pull", kept);
        var expected = new Dictionary<string, byte[]>(baseFiles, StringComparer.Ordinal);
        foreach ((string path, byte[] content) in keptFiles)
        {
            expected[path] = content;
        }

        FileTreeAssert.ContainsExactly(expected, await DockerImages.ExtractDataAsync(docker, kept, _work.Combine("pulled")));
        ProcessResult missing = await docker.DockerUncheckedAsync(["pull", gone], CancellationToken.None);
        Assert.False(missing.Succeeded);
        await docker.Docker("rmi", kept);
    }
}
