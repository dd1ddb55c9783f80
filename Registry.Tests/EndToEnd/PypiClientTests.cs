using System.Net;
using System.Net.Http.Json;
using System.Text;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The real pip against PyPI repositories of a registry process: wheels built on the machine, uploaded as twine sends
/// them (curl -F, a CI token as <c>__token__</c>'s password), installed with their dependency into a fresh venv and
/// downloaded; and a virtual repository over a local one and a remote whose upstream is a static PEP 503 index
/// (<c>python3 -m http.server</c>) over a wheel the real <c>pip wheel</c> built from a small local project (an in-tree
/// PEP 517 backend, <see cref="PypiProject"/>), from which pip installs a local project, built the same way, and its
/// dependency from the upstream.
/// </summary>
public sealed class PypiClientTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-pypi-")
{
    [EndToEndFact]
    public async Task Pip_InstallsAndDownloads_WheelsUploadedAsTwineDoes_WithTheirDependency()
    {
        using HttpClient http = Registry.CreateClient();
        var management = new ManagementClient(http);
        await management.CreateArtifactRepositoryAsync("pypi-team", "pypi", CancellationToken.None);
        (_, string secret) = await management.CreateCiTokenAsync("pypi-ci", ["pypi-team"], ["pull", "push"], 1, CancellationToken.None);
        var pip = new PypiClient(Work.Path);
        PypiWheel lib = PypiWheel.Build("Team.Lib", "1.0.0");
        PypiWheel app = PypiWheel.Build("team-app", "2.1", ">=3.8", "team-lib>=1.0");

        foreach (PypiWheel wheel in new[] { lib, app })
        {
            ProcessResult uploaded = await pip.UploadAsync($"{Url}/api/pypi/pypi-team", "__token__", secret, wheel);
            Assert.True(uploaded.Succeeded, uploaded.Describe());
        }

        ProcessResult again = await pip.UploadAsync($"{Url}/api/pypi/pypi-team", "__token__", secret, lib);
        Assert.Contains("File already exists", again.StandardOutput, StringComparison.Ordinal);

        await pip.CreateVenvAsync();
        string index = $"{AuthorizedUrl}/api/pypi/pypi-team/simple/";
        ProcessResult installed = await pip.PipAsync("install", "--index-url", index, "team-app");
        Output.WriteLine(installed.Describe());
        Assert.True(installed.Succeeded, installed.Describe());
        ProcessResult imported = await pip.PythonAsync("import team_app, team_lib; print(team_app.VERSION, team_lib.VERSION)");
        Assert.Equal("2.1 1.0.0", imported.StandardOutput.Trim());

        string downloads = Work.Combine("downloads");
        ProcessResult downloaded = await pip.PipAsync("download", "--no-deps", "--dest", downloads, "--index-url", index, "Team_Lib==1.0.0");
        Assert.True(downloaded.Succeeded, downloaded.Describe());
        Assert.Equal(lib.Bytes, await File.ReadAllBytesAsync(Path.Combine(downloads, lib.FileName)));
    }

    [EndToEndFact]
    public async Task Pip_ThroughAVirtual_InstallsALocalProject_AndItsDependencyFromTheRemotesStaticUpstream()
    {
        var pip = new PypiClient(Work.Path);
        await pip.CreateVenvAsync();
        string projects = Work.Combine("projects");
        string wheels = Work.Combine("wheels");
        PypiWheel upstreamLib = await PypiProject.Write(projects, "far-away", "3.0").BuildWheelAsync(pip, wheels);
        PypiWheel app = await PypiProject.Write(projects, "near-app", "1.0", ">=3.8", "far-away==3.0").BuildWheelAsync(pip, wheels);
        string upstreamRoot = WriteStaticIndex(upstreamLib);
        await using StaticHttpServer upstream = await StaticHttpServer.StartAsync(upstreamRoot);
        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(http).CreateArtifactRepositoryAsync("pypi-local", "pypi", CancellationToken.None);
        await ConfigureAsync(http, "pypi-remote", new { rclass = "remote", packageType = "pypi", url = upstream.Url.AbsoluteUri });
        await ConfigureAsync(http, "pypi-all", new { rclass = "virtual", packageType = "pypi", repositories = new[] { "pypi-local", "pypi-remote" }, defaultDeploymentRepo = "pypi-local" });

        ProcessResult uploaded = await pip.UploadAsync($"{Url}/api/pypi/pypi-all", "admin", Registry.AdminPassword, app);
        Assert.True(uploaded.Succeeded, uploaded.Describe());
        ProcessResult installed = await pip.PipAsync("install", "--index-url", $"{AuthorizedUrl}/api/pypi/pypi-all/simple/", "near-app");
        Output.WriteLine(installed.Describe());

        Assert.True(installed.Succeeded, installed.Describe());
        ProcessResult imported = await pip.PythonAsync("import near_app, far_away; print(near_app.VERSION, far_away.VERSION)");
        Assert.Equal("1.0 3.0", imported.StandardOutput.Trim());
        using HttpResponseMessage local = await http.GetAsync($"/artifactory/api/storage/pypi-local/near-app/1.0/{app.FileName}");
        using HttpResponseMessage cached = await http.GetAsync($"/artifactory/api/storage/pypi-remote/far-away/3.0/{upstreamLib.FileName}");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (local.StatusCode, cached.StatusCode));
        Assert.Single(upstream.RequestedPaths, p => p.StartsWith($"GET /files/{upstreamLib.FileName} ", StringComparison.Ordinal));
    }

    private string Url => $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory";

    private string AuthorizedUrl => $"http://admin:{Uri.EscapeDataString(Registry.AdminPassword)}@{Registry.HostPort}/artifactory";

    private static async Task ConfigureAsync(HttpClient http, string key, object body)
    {
        using HttpResponseMessage response = await http.PutAsJsonAsync($"/artifactory/api/repositories/{key}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A PEP 503 index on disk over the wheel's file: <c>files/{wheel}</c> (its bytes as pip wrote them),
    /// <c>simple/index.html</c>, <c>simple/{project}/index.html</c> linking the file relatively with its sha256.
    /// </summary>
    private string WriteStaticIndex(PypiWheel wheel)
    {
        string root = Work.Combine("upstream");
        string project = wheel.Name;
        Directory.CreateDirectory(Path.Combine(root, "simple", project));
        Directory.CreateDirectory(Path.Combine(root, "files"));
        File.WriteAllBytes(Path.Combine(root, "files", wheel.FileName), wheel.Bytes);
        File.WriteAllText(Path.Combine(root, "simple", "index.html"), $"<!DOCTYPE html><html><body><a href=\"{project}/\">{project}</a></body></html>", Encoding.UTF8);
        File.WriteAllText(Path.Combine(root, "simple", project, "index.html"),
            $"<!DOCTYPE html><html><body><a href=\"../../files/{wheel.FileName}#sha256={wheel.Sha256}\" data-requires-python=\"&gt;=3.8\">{wheel.FileName}</a></body></html>", Encoding.UTF8);
        return root;
    }
}
