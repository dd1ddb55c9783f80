using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Remote and virtual repositories in the console, in Chromium at 1280×800 and 390×844: an admin creates a maven
/// remote with an upstream password (never shown again: the field stays empty and the page says one is stored) and a
/// virtual over it, edits the remote, and sees class, package type and upstream or members in the list; the image
/// list marks repositories under a docker remote's key as cached, with the upstream and the last fetch; every page fits
/// the window.
/// </summary>
public sealed class ConsoleRemoteRepositoryBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-remotes-")
{
    private const string UpstreamPassword = "Console-Upstream-Secret-9d2";
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];
    private ConsoleBrowser? _browser;

    private ConsoleBrowser Browser => _browser!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient admin = Registry.CreateClient();
        // Content in the docker remote's namespace, as a fetch leaves it (pushed before the remote exists).
        await admin.PushImageAsync("hub/library/alpine", "3.20");
        await admin.PushImageAsync("team/api", "1.0");
        using HttpResponseMessage hub = await admin.PostAsJsonAsync("/api/v1/artifact-repositories", new
        {
            key = "hub", type = "docker", @class = "remote", remote = new { url = "https://registry-1.docker.io" },
        });
        Assert.Equal(HttpStatusCode.Created, hub.StatusCode);
        using HttpResponseMessage libs = await admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key = "libs-local", type = "maven" });
        Assert.Equal(HttpStatusCode.Created, libs.StatusCode);
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
    public async Task AnAdmin_CreatesAndEditsARemoteAndAVirtual_AndCachedImagesAreMarked()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);

        await page.GotoAsync("/ui/artifacts");
        await page.GetByRole(AriaRole.Link, new() { Name = "New repository" }).ClickAsync();
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("maven-central");
        await page.GetByLabel("Class", new() { Exact = true }).SelectOptionAsync("remote");
        await page.GetByLabel("Package type").SelectOptionAsync("maven");
        await page.GetByLabel("Upstream URL").FillAsync("https://repo.maven.apache.org/maven2/");
        await page.GetByLabel("Upstream username").FillAsync("bot");
        await page.GetByLabel("Upstream password", new() { Exact = false }).FillAsync(UpstreamPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Created remote repository maven-central.");

        Assert.DoesNotContain(UpstreamPassword, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("one is stored, leave empty to keep it")).ToBeVisibleAsync();
        Assert.Equal(string.Empty, await page.GetByLabel("Upstream password", new() { Exact = false }).InputValueAsync());
        await page.GetByLabel("Offline (serve only what is cached)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Saved maven-central.");

        await page.GotoAsync("/ui/artifacts/settings");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("maven-all");
        await page.GetByLabel("Class", new() { Exact = true }).SelectOptionAsync("virtual");
        await page.GetByLabel("Package type").SelectOptionAsync("maven");
        await page.GetByLabel("Members in order (keys, comma separated)").FillAsync("libs-local, maven-central");
        await page.GetByLabel("Deploy to (a local member)").FillAsync("maven-central");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("must be a local member");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("maven-all");
        await page.GetByLabel("Class", new() { Exact = true }).SelectOptionAsync("virtual");
        await page.GetByLabel("Package type").SelectOptionAsync("maven");
        await page.GetByLabel("Members in order (keys, comma separated)").FillAsync("libs-local, maven-central");
        await page.GetByLabel("Deploy to (a local member)").FillAsync("libs-local");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Created virtual repository maven-all.");

        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/ui/artifacts");
            ILocator central = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "maven-central", Exact = true }) });
            await Assertions.Expect(central).ToContainTextAsync("remote offline");
            await Assertions.Expect(central).ToContainTextAsync("https://repo.maven.apache.org/maven2/");
            ILocator all = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "maven-all", Exact = true }) });
            await Assertions.Expect(all).ToContainTextAsync("libs-local → maven-central (deploys to libs-local)");
            await AssertFitsAsync(page, width);

            await page.GotoAsync("/ui/artifacts/settings?repository=maven-central");
            await AssertFitsAsync(page, width);
            await page.GotoAsync("/ui/artifacts/settings");
            await AssertFitsAsync(page, width);

            await page.GotoAsync("/ui/repositories");
            ILocator cached = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "hub/library/alpine" }) });
            await Assertions.Expect(cached.Locator(".badge.cached")).ToHaveTextAsync("cached");
            await Assertions.Expect(cached).ToContainTextAsync("from https://registry-1.docker.io/");
            await Assertions.Expect(cached).ToContainTextAsync("fetched");
            ILocator local = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "team/api" }) });
            await Assertions.Expect(local.Locator(".badge.cached")).ToHaveCountAsync(0);
            await AssertFitsAsync(page, width);
        }

        Assert.DoesNotContain(UpstreamPassword, await page.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a {width} px window");
    }
}
