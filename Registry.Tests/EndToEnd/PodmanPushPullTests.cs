using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(PodmanCollection.Name)]
public sealed class PodmanPushPullTests(PodmanClient podman, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory work = TempDirectory.Create("e2e-podman-");
    private RegistryProcess? registry;

    private RegistryProcess Registry => registry ?? throw new InvalidOperationException("The registry did not start.");

    public async Task InitializeAsync() => registry = await RegistryProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            output.WriteLine("--- registry output ---");
            output.WriteLine(registry.RecentOutput(300));
            await registry.DisposeAsync();
        }

        work.Dispose();
    }

    [EndToEndFact]
    public async Task PodmanPush_OfOciLayoutImage_ThenPullByTagAndDigest_RestoresImageFiles()
    {
        var layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(work.Combine("layout"), "v1", CancellationToken.None);
        var image = layout.Image("amd64");
        var tagged = $"{Registry.HostPort}/e2e/podman-only:v1";
        var pulled = await PodmanImages.PullAsync(podman, layout.Reference, "--arch", "amd64", "--os", "linux");
        var imageId = pulled.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        await podman.Podman("tag", imageId, tagged);
        var digest = await PodmanImages.PushAsync(podman, tagged, work.Combine("push.digest"));

        using var http = Registry.CreateClient();
        var manifest = await new DistributionClient(http).GetManifestAsync("e2e/podman-only", "v1", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET e2e/podman-only:v1 after podman push: {manifest}");
        Assert.Equal(digest, manifest.DockerContentDigest);

        await PodmanImages.RemoveAllAsync(podman);
        await PodmanImages.PullAsync(podman, tagged);
        await PodmanImages.AssertFilesAsync(podman, tagged, image.Files);

        await PodmanImages.RemoveAllAsync(podman);
        var byDigest = $"{Registry.HostPort}/e2e/podman-only@{digest}";
        await PodmanImages.PullAsync(podman, byDigest);
        await PodmanImages.AssertFilesAsync(podman, byDigest, image.Files);
        await PodmanImages.RemoveAllAsync(podman);
    }
}
