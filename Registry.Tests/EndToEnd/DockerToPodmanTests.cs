using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(DockerCollection.Name)]
public sealed class DockerToPodmanTests(DockerDaemon docker, PodmanClient podman, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-podman-"), IClassFixture<PodmanClient>
{
    [EndToEndFact]
    public async Task PodmanPull_OfDockerPushedImage_ThenRetagPushAndPull_RestoresImageFiles()
    {
        await docker.LoginAsync(Registry);
        await podman.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 303, CancellationToken.None);
        var dockerTag = $"{Registry.HostPort}/e2e/app:1";
        var podmanTag = $"{Registry.HostPort}/e2e/podman:2";
        await DockerImages.BuildAsync(docker, context, dockerTag);
        var (_, dockerDigest) = await DockerImages.PushAsync(docker, dockerTag);

        await PodmanImages.PullAsync(podman, dockerTag);
        await PodmanImages.AssertFilesAsync(podman, dockerTag, context.Files);
        await podman.Podman("tag", dockerTag, podmanTag);
        var podmanDigest = await PodmanImages.PushAsync(podman, podmanTag, Work.Combine("podman.digest"));

        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        var manifest = await distribution.GetManifestAsync("e2e/podman", "2", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET e2e/podman:2 after podman push: {manifest}");
        Assert.Equal(podmanDigest, manifest.DockerContentDigest);
        Assert.Equal(podmanDigest, Digests.Sha256(manifest.Body));
        var original = await distribution.GetManifestAsync("e2e/app", dockerDigest, CancellationToken.None);
        Assert.True(original.StatusCode == HttpStatusCode.OK, $"GET e2e/app@{dockerDigest}: {original}");

        await PodmanImages.RemoveAllAsync(podman);
        await PodmanImages.PullAsync(podman, podmanTag);
        await PodmanImages.AssertFilesAsync(podman, podmanTag, context.Files);

        await PodmanImages.RemoveAllAsync(podman);
        var byDigest = $"{Registry.HostPort}/e2e/podman@{podmanDigest}";
        await PodmanImages.PullAsync(podman, byDigest);
        await PodmanImages.AssertFilesAsync(podman, byDigest, context.Files);
        await PodmanImages.RemoveAllAsync(podman);
    }
}
