using System.Net;
using System.Text.Json.Nodes;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// docker, podman, skopeo and buildah as one user runs them on one machine: each signs in and finds the credentials
/// the others stored (docker's config.json, the containers tools' auth.json), whichever client signed in first.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class SharedCredentialsTests(DockerDaemon docker, PodmanClient podman, SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-shared-creds-"), IClassFixture<PodmanClient>, IClassFixture<SkopeoClient>
{
    private const string User = "dana";
    private const string UserPassword = "dana-password-1";

    [EndToEndFact]
    public async Task DockerLoginThenPodmanLogin_EveryClientPushesAndPulls_WithTheStoredCredentials()
    {
        var home = await SignedUpUserHomeAsync();
        var image = $"{Registry.HostPort}/team/app:docker";
        await BuildAsync(image, seed: 2001);

        await RunDockerAsync(home, ["login", Registry.HostPort, "--username", User, "--password-stdin"], UserPassword);
        AssertDockerStoredPassword(home);
        await RunDockerAsync(home, ["push", image]);

        // docker's config.json is all skopeo and buildah find before podman signs in.
        await CopyWithSkopeoAsync(home, image, $"{Registry.HostPort}/team/app:skopeo-docker-creds");
        await PullAndPushWithBuildahAsync(home, image, $"{Registry.HostPort}/team/app:buildah-docker-creds");

        await RunPodmanAsync(home, ["login", "--tls-verify=false", "--username", User, "--password-stdin", Registry.HostPort], UserPassword);
        Assert.Contains(Registry.HostPort, ClientHome.ReadOrEmpty(home.ContainersAuthPath), StringComparison.Ordinal);
        await RunPodmanAsync(home, ["pull", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, image]);
        var podmanImage = $"{Registry.HostPort}/team/app:podman";
        await RunPodmanAsync(home, ["tag", image, podmanImage]);
        await RunPodmanAsync(home, ["push", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, podmanImage]);

        await CopyWithSkopeoAsync(home, podmanImage, $"{Registry.HostPort}/team/app:skopeo-podman-creds");
        await PullAndPushWithBuildahAsync(home, podmanImage, $"{Registry.HostPort}/team/app:buildah-podman-creds");

        // docker still works with what it stored.
        await RunDockerAsync(home, ["rmi", image]);
        await RunDockerAsync(home, ["pull", podmanImage]);
        await RunDockerAsync(home, ["rmi", podmanImage]);
        await PodmanImages.RemoveAllAsync(podman);
        await AssertTagsAsync("buildah-docker-creds", "buildah-podman-creds", "docker", "podman", "skopeo-docker-creds", "skopeo-podman-creds");
    }

    [EndToEndFact]
    public async Task PodmanLoginThenDockerLogin_EveryClientPushesAndPulls_WithTheStoredCredentials()
    {
        var home = await SignedUpUserHomeAsync();
        var image = $"{Registry.HostPort}/team/app:docker";
        await BuildAsync(image, seed: 2002);

        await RunPodmanAsync(home, ["login", "--tls-verify=false", "--username", User, "--password-stdin", Registry.HostPort], UserPassword);
        await RunDockerAsync(home, ["login", Registry.HostPort, "--username", User, "--password-stdin"], UserPassword);
        AssertDockerStoredPassword(home);
        await RunDockerAsync(home, ["push", image]);
        await RunDockerAsync(home, ["rmi", image]);
        await RunDockerAsync(home, ["pull", image]);

        await RunPodmanAsync(home, ["pull", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, image]);
        var podmanImage = $"{Registry.HostPort}/team/app:podman";
        await RunPodmanAsync(home, ["tag", image, podmanImage]);
        await RunPodmanAsync(home, ["push", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, podmanImage]);
        await CopyWithSkopeoAsync(home, podmanImage, $"{Registry.HostPort}/team/app:skopeo-podman-creds");
        await PullAndPushWithBuildahAsync(home, podmanImage, $"{Registry.HostPort}/team/app:buildah-podman-creds");

        // Signed out of podman, skopeo, buildah and podman fall back to what docker stored.
        await RunPodmanAsync(home, ["logout", Registry.HostPort]);
        await CopyWithSkopeoAsync(home, podmanImage, $"{Registry.HostPort}/team/app:skopeo-docker-creds");
        await PullAndPushWithBuildahAsync(home, image, $"{Registry.HostPort}/team/app:buildah-docker-creds");
        await RunPodmanAsync(home, ["pull", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, $"{Registry.HostPort}/team/app:skopeo-docker-creds"]);

        await RunDockerAsync(home, ["rmi", image]);
        await PodmanImages.RemoveAllAsync(podman);
        await AssertTagsAsync("buildah-docker-creds", "buildah-podman-creds", "docker", "podman", "skopeo-docker-creds", "skopeo-podman-creds");
    }

    /// <summary>
    /// docker keeps the password, not an identity token: the registry gives none by default, because podman login
    /// refuses to sign in where docker's config.json holds one ("currently logged in, auth file contains an Identity token").
    /// </summary>
    private void AssertDockerStoredPassword(ClientHome home)
    {
        var stored = ClientHome.ReadOrEmpty(home.DockerConfigPath);
        Assert.True(
            stored.Contains(Registry.HostPort, StringComparison.Ordinal) && !stored.Contains("identitytoken", StringComparison.Ordinal),
            $"docker login should store the password and no identity token.\n{Stored(home)}");
    }

    private async Task<ClientHome> SignedUpUserHomeAsync()
    {
        using var http = Registry.CreateClient();
        await new ManagementClient(http).CreateUserWithRoleAsync(User, UserPassword, "developer", "team", CancellationToken.None);
        return ClientHome.Create(Work.Combine("machine"));
    }

    private async Task BuildAsync(string tag, int seed)
        => await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("context"), seed, CancellationToken.None), tag);

    private async Task RunDockerAsync(ClientHome home, string[] arguments, string? standardInput = null)
    {
        var result = await docker.DockerUncheckedAsync(arguments, home, standardInput, CancellationToken.None);
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, $"docker {arguments[0]} failed with the credentials docker and podman stored.\n{result.Describe()}\n{Stored(home)}");
    }

    private async Task RunPodmanAsync(ClientHome home, string[] arguments, string? standardInput = null)
    {
        var result = await podman.PodmanUncheckedAsync(arguments, home, standardInput, CancellationToken.None);
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, $"podman {arguments[0]} failed with the credentials docker and podman stored.\n{result.Describe()}\n{Stored(home)}");
    }

    private async Task CopyWithSkopeoAsync(ClientHome home, string source, string destination)
    {
        var result = await skopeo.SkopeoUncheckedAsync(
            ["copy", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{source}", $"docker://{destination}"], home, CancellationToken.None);
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, $"skopeo copy failed with the stored credentials.\n{result.Describe()}\n{Stored(home)}");
    }

    /// <summary>buildah (when installed) pulls with the stored credentials into a private store and pushes under another tag.</summary>
    private async Task PullAndPushWithBuildahAsync(ClientHome home, string source, string destination)
    {
        if (ExternalTool.Find("buildah") is not { } buildah)
        {
            Output.WriteLine("buildah is not installed; its part of the test is skipped.");
            return;
        }

        var configuration = await ContainersConfiguration.WriteAsync(Work.Combine("buildah-config"), CancellationToken.None);
        var environment = new Dictionary<string, string?>(configuration.Environment);
        foreach (var (name, value) in home.Environment)
        {
            environment[name] = value;
        }

        var options = new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(5), Environment = environment };
        string[] global = ["--root", Work.Combine("buildah", "root"), "--runroot", Work.Combine("buildah", "run"), "--storage-driver", "vfs"];
        foreach (string[] arguments in new[]
                 {
                     new[] { "pull", "--tls-verify=false", "--signature-policy", configuration.PolicyPath, source },
                     ["push", "--tls-verify=false", "--signature-policy", configuration.PolicyPath, source, $"docker://{destination}"],
                 })
        {
            var result = await ProcessRunner.RunAsync(buildah, [.. global, .. arguments], options);
            Output.WriteLine(result.Describe());
            Assert.True(result.Succeeded, $"buildah {arguments[0]} failed with the stored credentials.\n{result.Describe()}\n{Stored(home)}");
        }

        await ProcessRunner.RunAsync(buildah, [.. global, "rmi", "--all", "--force"], options);
    }

    private async Task AssertTagsAsync(params string[] expected)
    {
        using var http = Registry.CreateClient();
        var tags = await new DistributionClient(http).GetTagsAsync("team/app", CancellationToken.None);
        Assert.Equal(expected, tags.Order(StringComparer.Ordinal));
        var manifest = await new DistributionClient(http).GetManifestAsync("team/app", "podman", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET team/app:podman: {manifest}");
    }

    /// <summary>What the clients stored, with every secret value replaced by its length (no secrets in test logs).</summary>
    private static string Stored(ClientHome home)
        => $"docker config.json: {Redacted(home.DockerConfigPath)}\ncontainers auth.json: {Redacted(home.ContainersAuthPath)}";

    private static string Redacted(string path)
    {
        if (!File.Exists(path))
        {
            return "absent";
        }

        var root = JsonNode.Parse(File.ReadAllText(path));
        foreach (var (_, entry) in root?["auths"]?.AsObject() ?? [])
        {
            foreach (var (name, value) in entry?.AsObject().ToList() ?? [])
            {
                entry![name] = $"<{value?.ToString().Length ?? 0} characters>";
            }
        }

        return root?.ToJsonString() ?? "empty";
    }
}
