using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(DockerCollection.Name)]
public sealed class DockerManifestListTests(DockerDaemon docker, SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-list-"), IClassFixture<SkopeoClient>
{
    [EndToEndFact]
    public async Task DockerPull_OfManifestListSkopeoConvertedToSchema2_RestoresEachRequestedPlatform()
    {
        await docker.LoginAsync(Registry);
        var layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), "v1", CancellationToken.None);
        var repository = $"{Registry.HostPort}/e2e/list";
        await skopeo.Skopeo(
            "copy", "--all", "--format", "v2s2", "--dest-tls-verify=false", "--dest-creds", $"admin:{Registry.AdminPassword}", layout.Reference, $"docker://{repository}:v1");

        using var http = Registry.CreateClient();
        var list = await new DistributionClient(http).GetManifestAsync("e2e/list", "v1", CancellationToken.None);
        Assert.True(list.StatusCode == HttpStatusCode.OK, $"GET e2e/list:v1: {list}");
        Assert.Equal(DistributionClient.DockerManifestListMediaType, list.ContentType);
        using (var json = list.Json())
        {
            Assert.Equal(2, json.RootElement.GetProperty("manifests").GetArrayLength());
        }

        foreach (var image in layout.Images)
        {
            var platform = $"linux/{image.Architecture}";
            await docker.Docker("pull", "--platform", platform, $"{repository}:v1");
            var architecture = (await docker.Docker("image", "inspect", "--format", "{{.Architecture}}", $"{repository}:v1")).StandardOutput.Trim();
            Assert.Equal(image.Architecture, architecture);
            var extracted = await DockerImages.ExtractAsync(docker, $"{repository}:v1", Work.Combine(image.Architecture), "/etc", "/opt");
            FileTreeAssert.ContainsExactly(image.Files, extracted);
            await docker.Docker("rmi", $"{repository}:v1");
        }
    }
}
