using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>docker against the fleet shape: three nodes on one PostgreSQL and one S3 bucket.</summary>
[Collection(DockerCollection.Name)]
public sealed class DockerMultiNodeTests(DockerDaemon docker, MultiNodeCluster cluster, ITestOutputHelper output)
    : IClassFixture<MultiNodeCluster>, IDisposable
{
    private readonly TempDirectory work = TempDirectory.Create("e2e-docker-fleet-");

    [EndToEndFact]
    public async Task DockerPush_ThroughNodeA_ThenPull_ThroughNodesBAndC_RestoresImageFiles()
    {
        foreach (var node in cluster.Nodes)
        {
            await docker.LoginAsync(node);
        }

        var context = await DockerBuildContext.WriteAsync(work.Combine("context"), seed: 707, CancellationToken.None);
        var pushedAs = $"{cluster.Nodes[0].HostPort}/fleet/docker:1";
        await DockerImages.BuildAsync(docker, context, pushedAs);
        var (_, digest) = await DockerImages.PushAsync(docker, pushedAs);
        await docker.Docker("rmi", pushedAs);

        for (var node = 1; node < 3; node++)
        {
            var byTag = $"{cluster.Nodes[node].HostPort}/fleet/docker:1";
            var pulled = await docker.Docker("pull", byTag);
            output.WriteLine(pulled.StandardOutput);
            Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);
            FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, byTag, work.Combine($"node{node}")));
            await docker.Docker("rmi", byTag);
        }

        var byDigest = $"{cluster.Nodes[2].HostPort}/fleet/docker@{digest}";
        await docker.Docker("pull", byDigest);
        await docker.Docker("rmi", byDigest);
    }

    public void Dispose() => work.Dispose();
}
