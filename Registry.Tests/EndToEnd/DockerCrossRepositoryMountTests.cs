using System.Net;
using System.Text.RegularExpressions;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(DockerCollection.Name)]
public sealed partial class DockerCrossRepositoryMountTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-")
{
    [EndToEndFact]
    public async Task DockerPush_OfSameImageToSecondRepository_MountsLayersInsteadOfUploadingThem()
    {
        await docker.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 202, CancellationToken.None);
        var first = $"{Registry.HostPort}/e2e/app:1";
        var second = $"{Registry.HostPort}/e2e/copy:1";
        await DockerImages.BuildAsync(docker, context, first);
        var (_, digest) = await DockerImages.PushAsync(docker, first);

        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        var layers = await distribution.GetLayerDigestsAsync("e2e/app", digest, CancellationToken.None);
        Assert.Equal(context.LayerCount, layers.Count);
        var blobsBefore = Registry.StoredBlobDigests();
        Assert.True(layers.All(blobsBefore.Contains), $"Not every layer is under {Registry.DataPath}/blobs/sha256: {string.Join(", ", layers.Where(l => !blobsBefore.Contains(l)))}");

        await docker.Docker("tag", first, second);
        var (pushOutput, secondDigest) = await DockerImages.PushAsync(docker, second);

        Assert.Equal(digest, secondDigest);
        var mounted = MountedFromApp().Matches(pushOutput).Count;
        Assert.True(
            mounted == layers.Count,
            $"Expected each of the {layers.Count} layers to be 'Mounted from e2e/app', found {mounted}:\n{pushOutput}");
        Assert.DoesNotMatch(LayerPushed(), pushOutput);

        var blobsAfter = Registry.StoredBlobDigests();
        Assert.True(
            blobsAfter.SetEquals(blobsBefore),
            $"The blob store changed although every blob already existed: before {blobsBefore.Count} files, after {blobsAfter.Count} " +
            $"(new: {string.Join(", ", blobsAfter.Except(blobsBefore))}).");
        foreach (var layer in layers)
        {
            Assert.Equal(HttpStatusCode.OK, await distribution.HeadBlobAsync("e2e/copy", layer, CancellationToken.None));
        }

        var copied = await distribution.GetManifestAsync("e2e/copy", "1", CancellationToken.None);
        Assert.True(copied.StatusCode == HttpStatusCode.OK, $"GET e2e/copy:1: {copied}");
        Assert.Equal(digest, copied.DockerContentDigest);
    }

    [GeneratedRegex(@"^[0-9a-f]{12}: Mounted from e2e/app\s*$", RegexOptions.Multiline)]
    private static partial Regex MountedFromApp();

    [GeneratedRegex(@"^[0-9a-f]{12}: Pushed\s*$", RegexOptions.Multiline)]
    private static partial Regex LayerPushed();
}
