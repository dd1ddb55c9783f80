using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The real <c>dotnet</c> 10 SDK against NuGet repositories of two registries: a library packed and pushed with a CI
/// token as <c>--api-key</c> to the upstream registry; a second library, depending on the first, packed (restoring the
/// first through a virtual feed over a local and a remote of the upstream) and pushed through the virtual into the
/// local; a console app depending on the second restored, built and run through the virtual alone; a duplicate push
/// refused and skipped with <c>--skip-duplicate</c>; <c>dotnet nuget delete</c>; <c>dotnet package search</c> through the
/// virtual finding the upstream's package by the remote's passing the query on.
/// </summary>
[Collection(NugetCollection.Name)]
public sealed class NugetClientTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-nuget-")
{
    private const string Upstream = "nuget-up";
    private const string Local = "nuget-local";
    private const string Remote = "nuget-remote";
    private const string Virtual = "nuget";

    [EndToEndFact]
    public async Task Dotnet_PushesRestoresAndDeletes_ThroughAVirtualFeedOverALocalAndARemoteOfAnotherRegistry()
    {
        await using RegistryProcess upstream = await RegistryProcess.StartAsync();
        CancellationToken ct = CancellationToken.None;
        using HttpClient upstreamHttp = upstream.CreateClient();
        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(upstreamHttp).CreateArtifactRepositoryAsync(Upstream, "nuget", ct);
        (_, string upstreamToken) = await new ManagementClient(upstreamHttp).CreateCiTokenAsync("publisher", [Upstream], ["pull", "push"], 1, ct);
        await CreateAsync(http, new { key = Local, type = "nuget" });
        await CreateAsync(http, new
        {
            key = Remote, type = "nuget", @class = "remote",
            remote = new { url = $"{Feed(upstream, Upstream)}/index.json", username = "admin", password = upstream.AdminPassword },
        });
        await CreateAsync(http, new { key = Virtual, type = "nuget", @class = "virtual", @virtual = new { repositories = new[] { Local, Remote }, defaultDeploymentRepo = Local } });
        (_, string ciToken) = await new ManagementClient(http).CreateCiTokenAsync("ci", [Local, Virtual], ["pull", "push", "delete"], 1, ct);

        var dotnet = new NugetClient(Work.Combine("home"));
        string projects = Directory.CreateDirectory(Work.Combine("src")).FullName;
        NugetClient.WriteConfig(projects, "feed", $"{Feed(Registry, Virtual)}/index.json", ("ci", ciToken));
        string publishing = Directory.CreateDirectory(Work.Combine("upstream")).FullName;
        NugetClient.WriteConfig(publishing, "upstream", $"{Feed(upstream, Upstream)}/index.json");
        string output = Work.Combine("packages");

        // Acme.Greeting 1.0.0 to the upstream registry, with its CI token as the API key alone.
        string greeting = NugetClient.WriteProject(projects, "Greeting", "namespace Acme; public static class Greeting { public static string Hello() => \"hello\"; }",
            packageId: "Acme.Greeting", version: "1.0.0");
        await SucceedsAsync(dotnet.RunAsync(greeting, "pack", "-c", "Release", "-o", output));
        await SucceedsAsync(dotnet.RunAsync(publishing, "nuget", "push", Path.Combine(output, "Acme.Greeting.1.0.0.nupkg"), "--source", "upstream", "--api-key", upstreamToken));

        // Search through the virtual finds it before the remote has cached anything: the remote asks the upstream's search.
        ProcessResult search = await SucceedsAsync(dotnet.RunAsync(projects, "package", "search", "greeting", "--source", "feed",
            "--configfile", Path.Combine(projects, "nuget.config"), "--format", "json"));
        Assert.Contains("Acme.Greeting", search.StandardOutput, StringComparison.Ordinal);
        JsonElement remoteSearch = await http.GetFromJsonAsync<JsonElement>($"/artifactory/api/nuget/v3/{Remote}/query?q=greeting");
        JsonElement found = Assert.Single(remoteSearch.GetProperty("data").EnumerateArray());
        Assert.Equal(("Acme.Greeting", $"{Feed(Registry, Remote)}/registration/acme.greeting/index.json"),
            (found.GetProperty("id").GetString(), found.GetProperty("registration").GetString()));
        using (HttpResponseMessage notCached = await http.GetAsync($"/artifactory/api/storage/{Remote}/acme.greeting"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notCached.StatusCode);
        }

        // Acme.Shout 2.1.0-beta.1 depends on it: its restore comes through the virtual's remote; its push goes through the virtual.
        string shout = NugetClient.WriteProject(projects, "Shout", "namespace Acme; public static class Shout { public static string Loud() => Greeting.Hello().ToUpperInvariant() + \"!\"; }",
            packageId: "Acme.Shout", version: "2.1.0-beta.1", references: ("Acme.Greeting", "1.0.0"));
        await SucceedsAsync(dotnet.RunAsync(shout, "pack", "-c", "Release", "-o", output));
        string shoutPackage = Path.Combine(output, "Acme.Shout.2.1.0-beta.1.nupkg");
        await SucceedsAsync(dotnet.RunAsync(projects, "nuget", "push", shoutPackage, "--source", "feed", "--api-key", ciToken));
        using (HttpResponseMessage cached = await http.GetAsync($"/artifactory/api/storage/{Remote}/acme.greeting/1.0.0/acme.greeting.1.0.0.nupkg"))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        JsonElement pushed = await http.GetFromJsonAsync<JsonElement>($"/artifactory/api/storage/{Local}/acme.shout/2.1.0-beta.1/acme.shout.2.1.0-beta.1.nupkg");
        Assert.Equal("token:ci", pushed.GetProperty("createdBy").GetString());

        // The same version again: refused as a duplicate, and skipped with --skip-duplicate.
        ProcessResult duplicate = await dotnet.RunAsync(projects, "nuget", "push", shoutPackage, "--source", "feed", "--api-key", ciToken);
        Assert.False(duplicate.Succeeded, duplicate.Describe());
        Assert.Contains("409", duplicate.StandardOutput + duplicate.StandardError, StringComparison.Ordinal);
        ProcessResult skipped = await SucceedsAsync(dotnet.RunAsync(projects, "nuget", "push", shoutPackage, "--source", "feed", "--api-key", ciToken, "--skip-duplicate"));
        Assert.Contains("already exists", skipped.StandardOutput, StringComparison.Ordinal);

        // A console app restores both packages (fresh global packages folder) through the virtual, builds and runs.
        dotnet.Packages = Work.Combine("app-packages");
        string app = NugetClient.WriteProject(projects, "App", "System.Console.WriteLine(Acme.Shout.Loud());", exe: true, references: ("Acme.Shout", "2.1.0-beta.1"));
        ProcessResult ran = await SucceedsAsync(dotnet.RunAsync(app, "run", "-c", "Release"));
        Assert.Contains("HELLO!", ran.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dotnet.Packages, "acme.greeting", "1.0.0", "acme.greeting.1.0.0.nupkg")));

        // dotnet nuget delete through the virtual removes the version from the local.
        await SucceedsAsync(dotnet.RunAsync(projects, "nuget", "delete", "Acme.Shout", "2.1.0-beta.1", "--source", "feed", "--api-key", ciToken, "--non-interactive"));
        using HttpResponseMessage gone = await http.GetAsync($"/artifactory/api/nuget/v3/{Virtual}/flatcontainer/acme.shout/index.json");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static string Feed(RegistryProcess registry, string key) => $"{registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory/api/nuget/v3/{key}";

    private static async Task CreateAsync(HttpClient http, object repository)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/artifact-repositories", repository);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<ProcessResult> SucceedsAsync(Task<ProcessResult> run)
    {
        ProcessResult result = await run;
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, result.Describe());
        return result;
    }
}
