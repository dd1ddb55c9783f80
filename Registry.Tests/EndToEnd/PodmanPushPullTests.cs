using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(PodmanCollection.Name)]
public sealed class PodmanPushPullTests(PodmanClient podman, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-podman-")
{
    [EndToEndFact]
    public async Task PodmanPush_OfOciLayoutImage_ThenPullByTagAndDigest_RestoresImageFiles()
    {
        await podman.LoginAsync(Registry);
        var layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), "v1", CancellationToken.None);
        var image = layout.Image("amd64");
        var tagged = $"{Registry.HostPort}/e2e/podman-only:v1";
        var pulled = await PodmanImages.PullAsync(podman, layout.Reference, "--arch", "amd64", "--os", "linux");
        var imageId = pulled.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        await podman.Podman("tag", imageId, tagged);
        var digest = await PodmanImages.PushAsync(podman, tagged, Work.Combine("push.digest"));

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
