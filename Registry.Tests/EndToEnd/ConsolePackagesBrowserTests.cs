using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The packages pages in Chromium at 1280×800 and 390×844: an npm, a PyPI and a NuGet package published through their
/// protocols are found from the Artifacts list through the packages index; each repository shows its client configuration and its packages, each
/// package its versions newest first with labels (dist-tags, Requires-Python), dependencies, the install command and
/// its files to download; a virtual says what it is over; an unknown package is a 404; every page fits the window.
/// </summary>
public sealed class ConsolePackagesBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-packages-")
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];
    private ConsoleBrowser? _browser;
    private byte[] _tarball = [];

    private ConsoleBrowser Browser => _browser!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient admin = Registry.CreateClient();
        foreach ((string key, string type) in new[] { ("npm-local", "npm"), ("pypi-local", "pypi"), ("nuget-local", "nuget") })
        {
            using HttpResponseMessage created = await admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key, type });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using HttpResponseMessage npmAll = await admin.PostAsJsonAsync("/api/v1/artifact-repositories", new
        {
            key = "npm-all", type = "npm", @class = "virtual", @virtual = new { repositories = new[] { "npm-local" }, defaultDeploymentRepo = "npm-local" },
        });
        Assert.Equal(HttpStatusCode.Created, npmAll.StatusCode);

        foreach (string version in new[] { "1.0.0", "1.1.0" })
        {
            var body = new NpmPublishBody("web-widgets", version);
            using HttpResponseMessage published = await admin.PutAsync("/artifactory/api/npm/npm-local/web-widgets", new StringContent(body.Json(), Encoding.UTF8, "application/json"));
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        _tarball = await admin.GetByteArrayAsync("/artifactory/api/npm/npm-local/web-widgets/-/web-widgets-1.0.0.tgz");
        using HttpResponseMessage tagged = await admin.PutAsync("/artifactory/api/npm/npm-local/-/package/web-widgets/dist-tags/stable", JsonContent.Create("1.0.0"));
        Assert.True(tagged.IsSuccessStatusCode, await tagged.Content.ReadAsStringAsync());

        PypiWheel wheel = PypiWheel.Build("demo-lib", "0.1.0", ">=3.9", "requests>=2.0");
        using HttpResponseMessage uploaded = await admin.PostAsync("/artifactory/api/pypi/pypi-local", wheel.UploadForm(new Dictionary<string, string?> { ["requires_python"] = ">=3.9" }, repeated: [("requires_dist", "requests>=2.0")]));
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());

        using JsonDocument index = JsonDocument.Parse(await admin.GetStringAsync("/artifactory/api/nuget/v3/nuget-local/index.json"));
        string publish = index.RootElement.GetProperty("resources").EnumerateArray()
            .First(r => r.GetProperty("@type").GetString() == "PackagePublish/2.0.0").GetProperty("@id").GetString()!;
        byte[] package = NugetPackageBuilder.Package("Acme.Util", "1.2.0",
            """<group targetFramework="net10.0"><dependency id="Newtonsoft.Json" version="13.0.1" /></group>""");
        using HttpResponseMessage pushed = await admin.PutAsync(publish, NugetPackageBuilder.Form(package));
        Assert.True(pushed.IsSuccessStatusCode, await pushed.Content.ReadAsStringAsync());

        _browser = await ConsoleBrowser.LaunchAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [EndToEndFact]
    public async Task PackagesOfEachFormat_ShowVersionsDependenciesAndInstallCommands_AndFitTheWindow()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        string registry = Registry.BaseUri.AbsoluteUri.TrimEnd('/');

        // From the Artifacts list to the packages index (every package repository with its client URL), then to the
        // npm repository: its .npmrc and its one package.
        await page.GotoAsync("/ui/artifacts");
        await page.GetByRole(AriaRole.Link, new() { Name = "packages", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Packages");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync($"{registry}/artifactory/api/pypi/pypi-local/simple/");
        await page.GetByRole(AriaRole.Link, new() { Name = "npm-local", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("npm-local");
        await Assertions.Expect(page.Locator("#client-configuration")).ToContainTextAsync($"{registry}/artifactory/api/npm/npm-local/");
        await page.GetByRole(AriaRole.Link, new() { Name = "web-widgets" }).ClickAsync();

        // Newest first, each with its dist-tags, dependencies, install command and files.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("web-widgets");
        ILocator versions = page.Locator("section.package-version");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        Assert.Equal(["1.1.0", "1.0.0"], await versions.EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.version)"));
        ILocator newest = page.Locator("section[data-version='1.1.0']");
        await Assertions.Expect(newest.Locator("h2 .badge")).ToHaveTextAsync("latest");
        await Assertions.Expect(newest).ToContainTextAsync("left-pad ^1.0.0");
        await Assertions.Expect(newest.Locator("code")).ToContainTextAsync("npm install web-widgets@1.1.0");
        string install = await newest.Locator("code").InnerTextAsync();
        await Assertions.Expect(newest.Locator("button[data-copy]")).ToHaveAttributeAsync("data-copy", install);
        ILocator older = page.Locator("section[data-version='1.0.0']");
        await Assertions.Expect(older.Locator("h2 .badge")).ToHaveTextAsync("stable");
        IDownload download = await page.RunAndWaitForDownloadAsync(() => older.GetByRole(AriaRole.Link, new() { Name = "web-widgets-1.0.0.tgz" }).ClickAsync());
        string saved = Work.Combine("downloaded.tgz");
        await download.SaveAsAsync(saved);
        Assert.Equal(_tarball, await File.ReadAllBytesAsync(saved));

        // PyPI: Requires-Python as a label, Requires-Dist as dependencies, pip's command.
        await page.GotoAsync("/ui/packages?repository=pypi-local");
        await Assertions.Expect(page.Locator("#client-configuration")).ToContainTextAsync($"{registry}/artifactory/api/pypi/pypi-local/simple");
        await page.GetByRole(AriaRole.Link, new() { Name = "demo-lib" }).ClickAsync();
        ILocator wheel = page.Locator("section[data-version='0.1.0']");
        await Assertions.Expect(wheel.Locator("h2 .badge")).ToHaveTextAsync("Requires-Python >=3.9");
        await Assertions.Expect(wheel).ToContainTextAsync("requests>=2.0");
        await Assertions.Expect(wheel.Locator("code")).ToContainTextAsync("demo-lib==0.1.0");

        // NuGet: dependencies per target framework, dotnet's command.
        await page.GotoAsync("/ui/packages?repository=nuget-local");
        await Assertions.Expect(page.Locator("#client-configuration")).ToContainTextAsync($"{registry}/artifactory/api/nuget/v3/nuget-local/index.json");
        await page.GetByRole(AriaRole.Link, new() { Name = "acme.util" }).ClickAsync();
        ILocator nupkg = page.Locator("section[data-version='1.2.0']");
        await Assertions.Expect(nupkg).ToContainTextAsync("Newtonsoft.Json");
        await Assertions.Expect(nupkg.Locator("code")).ToContainTextAsync("1.2.0");

        // A virtual names its members; an unknown package is a 404.
        await page.GotoAsync("/ui/packages?repository=npm-all");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("One URL over npm-local; publishes go to npm-local.");
        IResponse? missing = await page.GotoAsync("/ui/packages?repository=npm-local&package=no-such-package");
        Assert.Equal(404, missing!.Status);

        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (string path in new[] { "/ui/packages", "/ui/packages?repository=npm-local", "/ui/packages?repository=npm-local&package=web-widgets", "/ui/packages?repository=nuget-local&package=acme.util" })
            {
                IResponse? response = await page.GotoAsync(path);
                Assert.Equal(200, response!.Status);
                int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{path} is {overflow} px wider than the window at {width} px");
            }
        }
    }
}
