using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary><c>podman login</c> as a user with the developer role on a namespace, then push and pull.</summary>
[Collection(PodmanCollection.Name)]
public sealed class PodmanLoginTests(PodmanClient podman, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-podman-login-")
{
    [EndToEndFact]
    public async Task PodmanLogin_AsDeveloperOfNamespace_ThenPushAndPull_RestoresImageFiles()
    {
        using var http = Registry.CreateClient();
        await new ManagementClient(http).CreateUserWithRoleAsync("carol", "carol-password-1", "developer", "team", CancellationToken.None);
        var layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), "v1", CancellationToken.None);
        var image = layout.Image("amd64");
        var tagged = $"{Registry.HostPort}/team/podman:v1";

        var wrong = await podman.LoginUncheckedAsync(Registry.HostPort, "carol", "not-her-password", CancellationToken.None);
        Assert.False(wrong.Succeeded, $"podman login took a wrong password.\n{wrong.Describe()}");
        Assert.True(
            wrong.StandardError.Contains("invalid username/password", StringComparison.Ordinal),
            $"Expected podman login to report the wrong password.\n{wrong.Describe()}");

        await podman.LoginAsync(Registry.HostPort, "carol", "carol-password-1");
        Assert.Equal("carol", (await podman.Podman("login", "--get-login", Registry.HostPort)).StandardOutput.Trim());

        var pulled = await PodmanImages.PullAsync(podman, layout.Reference, "--arch", "amd64", "--os", "linux");
        var imageId = pulled.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        await podman.Podman("tag", imageId, tagged);
        var digest = await PodmanImages.PushAsync(podman, tagged, Work.Combine("push.digest"));

        var manifest = await new DistributionClient(http).GetManifestAsync("team/podman", "v1", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET team/podman:v1 after carol's podman push: {manifest}");
        Assert.Equal(digest, manifest.DockerContentDigest);

        await PodmanImages.RemoveAllAsync(podman);
        await PodmanImages.PullAsync(podman, tagged);
        await PodmanImages.AssertFilesAsync(podman, tagged, image.Files);
        await PodmanImages.RemoveAllAsync(podman);

        // Signed out, the same pull is refused: the repository is private.
        await podman.LogoutAsync(Registry.HostPort);
        var anonymous = await podman.PodmanUncheckedAsync(
            ["pull", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, tagged], CancellationToken.None);
        Assert.False(anonymous.Succeeded, $"podman pulled a private repository without credentials.\n{anonymous.Describe()}");
    }
}
