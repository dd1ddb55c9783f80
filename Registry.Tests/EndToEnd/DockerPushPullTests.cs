using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(DockerCollection.Name)]
public sealed class DockerPushPullTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-")
{
    [EndToEndFact]
    public async Task DockerPush_ThenPullByTagAndByDigest_RestoresImageFiles()
    {
        await docker.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 101, CancellationToken.None);
        var repository = $"{Registry.HostPort}/e2e/app";
        var tagged = $"{repository}:1";
        await DockerImages.BuildAsync(docker, context, tagged);

        var (_, digest) = await DockerImages.PushAsync(docker, tagged);

        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        var manifest = await distribution.GetManifestAsync("e2e/app", "1", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET manifest by tag after docker push: {manifest}");
        Assert.Equal(digest, manifest.DockerContentDigest);
        Assert.Equal(digest, Digests.Sha256(manifest.Body));
        Assert.Equal(context.LayerCount, (await distribution.GetLayerDigestsAsync("e2e/app", digest, CancellationToken.None)).Count);
        Assert.Contains("1", await distribution.GetTagsAsync("e2e/app", CancellationToken.None));

        await docker.Docker("rmi", tagged);
        Assert.False(await DockerImages.ExistsLocallyAsync(docker, tagged));

        await docker.Docker("pull", tagged);
        var repoDigests = (await docker.Docker("inspect", "--format", "{{json .RepoDigests}}", tagged)).StandardOutput;
        Assert.Contains($"{repository}@{digest}", repoDigests, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, tagged, Work.Combine("by-tag")));

        await docker.Docker("rmi", tagged);
        var byDigest = $"{repository}@{digest}";
        Assert.False(await DockerImages.ExistsLocallyAsync(docker, byDigest));

        var pulled = await docker.Docker("pull", byDigest);
        Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, byDigest, Work.Combine("by-digest")));
        await docker.Docker("rmi", byDigest);
    }

    [EndToEndFact]
    public async Task DockerPull_AfterRegistryKilledAndRestarted_RestoresImageByTagAndDigest()
    {
        await docker.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 102, CancellationToken.None);
        var repository = $"{Registry.HostPort}/e2e/durable";
        var tagged = $"{repository}:1";
        await DockerImages.BuildAsync(docker, context, tagged);
        var (_, digest) = await DockerImages.PushAsync(docker, tagged);
        await docker.Docker("rmi", tagged);

        await Registry.RestartAfterKillAsync(CancellationToken.None);

        var pulled = await docker.Docker("pull", tagged);
        Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, tagged, Work.Combine("after-restart")));
        await docker.Docker("rmi", tagged);
        await docker.Docker("pull", $"{repository}@{digest}");
        await docker.Docker("rmi", $"{repository}@{digest}");
    }
}
