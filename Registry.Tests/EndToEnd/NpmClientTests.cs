using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The real npm 11 client against a local npm repository: publish and install with a CI token's secret as <c>_authToken</c>,
/// a republish refused with npm's message, <c>npm dist-tag add/ls/rm</c>, <c>npm deprecate</c>,
/// <c>npm unpublish name@version</c> and <c>npm unpublish name --force</c>, <c>npm whoami</c> and <c>npm ping</c>.
/// </summary>
public sealed class NpmClientTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-npm-")
{
    private const string Local = "npm-local";

    [EndToEndFact]
    public async Task Npm_PublishesWithACiToken_TagsDeprecatesAndUnpublishes_AndRefusesARepublish()
    {
        using HttpClient http = Registry.CreateClient();
        var management = new ManagementClient(http);
        await management.CreateArtifactRepositoryAsync(Local, "npm", CancellationToken.None);
        (_, string secret) = await management.CreateCiTokenAsync("npm-ci", [Local], ["pull", "push", "delete"], expiresInDays: 30, CancellationToken.None);
        var npm = new NpmCli(Work.Combine("npm"));
        string registry = $"{Registry.BaseUri.AbsoluteUri}artifactory/api/npm/{Local}/";
        npm.Configure(registry, authToken: secret);
        string v1 = NpmCli.WritePackage(Work.Combine("v1"), "left-pad-x", "1.0.0");
        string v2 = NpmCli.WritePackage(Work.Combine("v2"), "left-pad-x", "1.1.0");

        await SucceedsAsync(npm, Work.Path, "ping");
        Assert.Contains("token:npm-ci", (await SucceedsAsync(npm, Work.Path, "whoami")).StandardOutput, StringComparison.Ordinal);
        await SucceedsAsync(npm, v1, "publish");
        ProcessResult again = await npm.RunAsync(v1, "publish");
        Assert.False(again.Succeeded, again.Describe());
        Assert.Contains("You cannot publish over the previously published versions: 1.0.0", again.StandardError, StringComparison.Ordinal);
        await SucceedsAsync(npm, v2, "publish");

        JsonElement packument = await http.GetFromJsonAsync<JsonElement>($"artifactory/api/npm/{Local}/left-pad-x");
        Assert.Equal("1.1.0", packument.GetProperty("dist-tags").GetProperty("latest").GetString());
        Assert.Equal($"{registry}left-pad-x/-/left-pad-x-1.0.0.tgz", packument.GetProperty("versions").GetProperty("1.0.0").GetProperty("dist").GetProperty("tarball").GetString());
        using (HttpResponseMessage stored = await http.GetAsync($"artifactory/{Local}/left-pad-x/1.0.0/left-pad-x-1.0.0.tgz"))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        string consumer = NpmCli.WritePackage(Work.Combine("consumer"), "consumer", "0.0.1", ("left-pad-x", "~1.0.0"));
        await SucceedsAsync(npm, consumer, "install");
        Assert.Equal("module.exports = 'left-pad-x@1.0.0';\n", await File.ReadAllTextAsync(Path.Combine(consumer, "node_modules", "left-pad-x", "index.js")));

        await SucceedsAsync(npm, Work.Path, "dist-tag", "add", "left-pad-x@1.0.0", "stable");
        string tags = (await SucceedsAsync(npm, Work.Path, "dist-tag", "ls", "left-pad-x")).StandardOutput;
        Assert.Contains("stable: 1.0.0", tags, StringComparison.Ordinal);
        Assert.Contains("latest: 1.1.0", tags, StringComparison.Ordinal);
        await SucceedsAsync(npm, Work.Path, "dist-tag", "rm", "left-pad-x", "stable");
        Assert.DoesNotContain("stable", (await SucceedsAsync(npm, Work.Path, "dist-tag", "ls", "left-pad-x")).StandardOutput, StringComparison.Ordinal);

        await SucceedsAsync(npm, Work.Path, "deprecate", "left-pad-x@1.0.0", "use 1.1.0, it pads better");
        packument = await http.GetFromJsonAsync<JsonElement>($"artifactory/api/npm/{Local}/left-pad-x");
        Assert.Equal("use 1.1.0, it pads better", packument.GetProperty("versions").GetProperty("1.0.0").GetProperty("deprecated").GetString());
        Assert.False(packument.GetProperty("versions").GetProperty("1.1.0").TryGetProperty("deprecated", out _));

        await SucceedsAsync(npm, Work.Path, "unpublish", "left-pad-x@1.0.0");
        packument = await http.GetFromJsonAsync<JsonElement>($"artifactory/api/npm/{Local}/left-pad-x");
        Assert.Equal(["1.1.0"], packument.GetProperty("versions").EnumerateObject().Select(p => p.Name));
        using (HttpResponseMessage gone = await http.GetAsync($"artifactory/api/npm/{Local}/left-pad-x/-/left-pad-x-1.0.0.tgz"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        await SucceedsAsync(npm, Work.Path, "unpublish", "left-pad-x", "--force");
        using HttpResponseMessage none = await http.GetAsync($"artifactory/api/npm/{Local}/left-pad-x");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    private async Task<ProcessResult> SucceedsAsync(NpmCli npm, string directory, params string[] arguments)
    {
        ProcessResult result = await npm.RunAsync(directory, arguments);
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, result.Describe());
        return result;
    }
}
