using System.Net;
using System.Net.Http.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// <c>npm install</c> through a virtual npm repository over a local one and a remote one whose upstream is a second
/// registry process: a package published to the local (through the virtual) depends on a scoped package of the
/// upstream, which depends on another (transitive); npm, knowing only the virtual URL, installs all three and the
/// remote caches what it fetched.
/// </summary>
public sealed class NpmRemoteVirtualTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-npm-remote-")
{
    [EndToEndFact]
    public async Task NpmInstall_ThroughAVirtual_GetsLocalAndRemotePackages_WithTransitiveAndScopedDependencies()
    {
        await using RegistryProcess upstream = await RegistryProcess.StartAsync();
        using HttpClient upstreamHttp = upstream.CreateClient();
        await new ManagementClient(upstreamHttp).CreateArtifactRepositoryAsync("npm-upstream", "npm", CancellationToken.None);
        var publisher = new NpmCli(Work.Combine("upstream-npm"));
        publisher.Configure($"{upstream.BaseUri.AbsoluteUri}artifactory/api/npm/npm-upstream/", basic: ("admin", upstream.AdminPassword));
        await SucceedsAsync(publisher, NpmCli.WritePackage(Work.Combine("up"), "deep-dep", "2.0.0"), "publish");
        await SucceedsAsync(publisher, NpmCli.WritePackage(Work.Combine("up"), "@team/util", "1.0.0", ("deep-dep", "^2.0.0")), "publish");

        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(http).CreateArtifactRepositoryAsync("npm-local", "npm", CancellationToken.None);
        await CreatedAsync(http, new
        {
            key = "npm-remote", type = "npm", @class = "remote",
            remote = new { url = $"{upstream.BaseUri.AbsoluteUri}artifactory/api/npm/npm-upstream/", username = "admin", password = upstream.AdminPassword },
        });
        await CreatedAsync(http, new { key = "npm", type = "npm", @class = "virtual", @virtual = new { repositories = new[] { "npm-local", "npm-remote" }, defaultDeploymentRepo = "npm-local" } });

        var npm = new NpmCli(Work.Combine("npm"));
        npm.Configure($"{Registry.BaseUri.AbsoluteUri}artifactory/api/npm/npm/", basic: ("admin", Registry.AdminPassword));
        await SucceedsAsync(npm, NpmCli.WritePackage(Work.Combine("own"), "app-lib", "1.0.0", ("@team/util", "^1.0.0")), "publish");
        using (HttpResponseMessage published = await http.GetAsync("artifactory/npm-local/app-lib/1.0.0/app-lib-1.0.0.tgz"))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        string consumer = NpmCli.WritePackage(Work.Combine("consumer"), "consumer", "0.0.1", ("app-lib", "^1.0.0"));
        await SucceedsAsync(npm, consumer, "install");

        foreach (string installed in new[] { "app-lib", "@team/util", "deep-dep" })
        {
            Assert.True(File.Exists(Path.Combine(consumer, "node_modules", installed, "index.js")), $"{installed} was not installed");
        }

        string resolved = await File.ReadAllTextAsync(Path.Combine(consumer, "package-lock.json"));
        Assert.Contains($"{Registry.BaseUri.AbsoluteUri}artifactory/api/npm/npm/@team/util/-/util-1.0.0.tgz", resolved, StringComparison.Ordinal);
        foreach (string cached in new[] { "@team/util/1.0.0/util-1.0.0.tgz", "deep-dep/2.0.0/deep-dep-2.0.0.tgz" })
        {
            using HttpResponseMessage response = await http.GetAsync($"artifactory/api/storage/npm-remote/{cached}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"npm-remote did not cache {cached}");
        }
    }

    private static async Task CreatedAsync(HttpClient http, object repository)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync("api/v1/artifact-repositories", repository);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<ProcessResult> SucceedsAsync(NpmCli npm, string directory, params string[] arguments)
    {
        ProcessResult result = await npm.RunAsync(directory, arguments);
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, result.Describe());
        return result;
    }
}
