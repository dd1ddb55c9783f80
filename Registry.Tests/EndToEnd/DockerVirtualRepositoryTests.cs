using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// docker through a docker virtual repository created with Artifactory's configuration API: a user who is developer on
/// the deployment repository and reader on the virtual pushes <c>&lt;virtual&gt;/app</c> (stored in
/// <c>&lt;local&gt;/app</c>) and pulls it back through the virtual.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerVirtualRepositoryTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-virtual-")
{
    [EndToEndFact]
    public async Task DockerPush_ThroughAVirtual_LandsInTheDeploymentRepository_AndPullsBackThroughIt()
    {
        using HttpClient admin = Registry.CreateClient();
        await PutRepositoryAsync(admin, "images-local", new { rclass = "local", packageType = "docker" });
        await PutRepositoryAsync(admin, "images", new { rclass = "virtual", packageType = "docker", repositories = new[] { "images-local" }, defaultDeploymentRepo = "images-local" });
        var management = new ManagementClient(admin);
        await management.CreateUserWithRoleAsync("dev", "dev-password-1", "developer", "images-local", CancellationToken.None);
        await management.GrantAsync("dev", "namespace", "images", "reader", CancellationToken.None);

        string image = $"{Registry.HostPort}/images/app:1.0";
        await docker.LoginAsync(Registry.HostPort, "dev", "dev-password-1");
        DockerBuildContext context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 731, CancellationToken.None);
        await DockerImages.BuildAsync(docker, context, image);
        (_, string digest) = await DockerImages.PushAsync(docker, image);

        using (JsonDocument catalog = JsonDocument.Parse(await admin.GetStringAsync("/v2/_catalog")))
        {
            Assert.Contains("images-local/app", catalog.RootElement.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()));
        }

        await docker.Docker("rmi", image);
        ProcessResult pulled = await docker.Docker("pull", image);
        Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, image, Work.Combine("pulled")));
        await docker.Docker("rmi", image);
    }

    private static async Task PutRepositoryAsync(HttpClient admin, string key, object body)
    {
        using HttpResponseMessage response = await admin.PutAsJsonAsync($"/artifactory/api/repositories/{key}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
