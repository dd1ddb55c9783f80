using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Mirror mode with the real clients: a second registry process of ours on loopback plays Docker Hub (seeded with a
/// multi-platform <c>library/busybox:1.0</c> by skopeo), and this registry holds a docker remote of it created through
/// Artifactory's configuration API with <c>"mirror": true</c> and the alias <c>docker.io</c>. dockerd with
/// <c>--registry-mirror</c> pulls <c>busybox:1.0</c> through it; containerd (<c>ctr</c> with a hosts.toml per upstream
/// host) pulls through it too, and its <c>?ns=</c> picks the remote whose alias names the host. dockerd and ctr ask
/// the mirror anonymously (dockerd sends it only what <c>docker login</c> stored for Docker Hub, ctr only
/// <c>--user</c>), so the mirror remote's key is made public, as docs/remotes.md tells operators to.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class MirrorModeClientTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-mirror-")
{
    private const string Image = "library/busybox";
    private const string Tag = "1.0";

    private readonly string id = Guid.NewGuid().ToString("N")[..6];

    [EndToEndFact]
    public async Task Dockerd_WithTheRegistryAsItsMirror_PullsADockerHubName_ThroughTheMirrorRemote()
    {
        await using RegistryProcess upstream = await StartSeededUpstreamAsync();
        string hub = "hub" + id;
        await CreateMirrorAsync(hub, upstream, "docker.io");

        DockerDaemon docker = await DockerDaemon.StartPrivateAsync("--registry-mirror", Registry.BaseUri.AbsoluteUri.TrimEnd('/'));
        try
        {
            ProcessResult pulled = await docker.DockerUncheckedAsync(["pull", "busybox:" + Tag], CancellationToken.None);
            Assert.True(pulled.Succeeded, $"{pulled.Describe()}\n--- registry ---\n{Registry.RecentOutput(60)}\n--- dockerd ---\n{docker.RecentLog(40)}");
            Assert.True(await DockerImages.ExistsLocallyAsync(docker, "busybox:" + Tag));
            Assert.Contains($"{hub}/{Image}", await CatalogAsync());
        }
        finally
        {
            await docker.DisposeAsync();
        }
    }

    [EndToEndFact]
    public async Task Ctr_WithAHostsTomlMirror_PullsThroughTheRemoteItsNsParameterNames()
    {
        await using RegistryProcess upstream = await StartSeededUpstreamAsync();

        // Without ?ns= the first mirror by key would answer: the ghcr.io mirror sorts first, so only ns selects the hub one.
        string other = "aghcr" + id;
        string hub = "zhub" + id;
        await CreateMirrorAsync(other, upstream, "ghcr.io");
        await CreateMirrorAsync(hub, upstream, "docker.io");

        string hostsDirectory = Work.Combine("certs.d");
        WriteHostsToml(hostsDirectory, "docker.io", "https://registry-1.docker.io");
        WriteHostsToml(hostsDirectory, "ghcr.io", "https://ghcr.io");

        DockerDaemon docker = await DockerDaemon.StartPrivateAsync();
        try
        {
            await CtrPullAsync(docker, hostsDirectory, $"docker.io/{Image}:{Tag}");
            IReadOnlyList<string> catalog = await CatalogAsync();
            Assert.Contains($"{hub}/{Image}", catalog);
            Assert.DoesNotContain($"{other}/{Image}", catalog);

            await CtrPullAsync(docker, hostsDirectory, $"ghcr.io/{Image}:{Tag}");
            Assert.Contains($"{other}/{Image}", await CatalogAsync());
        }
        finally
        {
            await docker.DisposeAsync();
        }
    }

    /// <summary>A registry process of ours holding the multi-platform image as <c>library/busybox:1.0</c>.</summary>
    private async Task<RegistryProcess> StartSeededUpstreamAsync()
    {
        RegistryProcess upstream = await RegistryProcess.StartAsync();
        var skopeo = new SkopeoClient();
        try
        {
            await skopeo.InitializeAsync();
            OciLayout layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), Tag, CancellationToken.None);
            await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", $"admin:{upstream.AdminPassword}",
                layout.Reference, $"docker://{upstream.HostPort}/{Image}:{Tag}");
            return upstream;
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
        finally
        {
            await skopeo.DisposeAsync();
        }
    }

    /// <summary>Creates a mirror remote of <paramref name="upstream"/> through the configuration API and makes its key public.</summary>
    private async Task CreateMirrorAsync(string key, RegistryProcess upstream, string alias)
    {
        using HttpClient admin = Registry.CreateClient();
        using HttpResponseMessage created = await admin.PutAsJsonAsync($"/artifactory/api/repositories/{key}", new
        {
            rclass = "remote",
            packageType = "docker",
            url = upstream.BaseUri.AbsoluteUri,
            username = "admin",
            password = upstream.AdminPassword,
            mirror = true,
            aliases = new[] { alias },
        });
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        using HttpResponseMessage published = await admin.PutAsJsonAsync("/api/v1/public", new { kind = "namespace", name = key });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    private void WriteHostsToml(string hostsDirectory, string host, string server)
    {
        Directory.CreateDirectory(Path.Combine(hostsDirectory, host));
        File.WriteAllText(Path.Combine(hostsDirectory, host, "hosts.toml"), $"""
            server = "{server}"

            [host."{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}"]
              capabilities = ["pull", "resolve"]
            """);
    }

    private async Task CtrPullAsync(DockerDaemon docker, string hostsDirectory, string reference)
    {
        string ctr = ExternalTool.Require("ctr", "containerd");
        ProcessResult pulled = await ProcessRunner.RunAsync(
            ctr,
            ["--address", docker.ContainerdAddress, "--namespace", "e2e-mirror", "image", "pull", "--hosts-dir", hostsDirectory, "--platform", "linux/amd64", reference],
            new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(3) });
        Output.WriteLine(pulled.Describe());
        Assert.True(pulled.Succeeded, $"{pulled.Describe()}\n--- registry ---\n{Registry.RecentOutput(60)}");
    }

    private async Task<IReadOnlyList<string>> CatalogAsync()
    {
        using HttpClient admin = Registry.CreateClient();
        using JsonDocument catalog = JsonDocument.Parse(await admin.GetStringAsync("/v2/_catalog?n=1000"));
        return [.. catalog.RootElement.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()!)];
    }
}
