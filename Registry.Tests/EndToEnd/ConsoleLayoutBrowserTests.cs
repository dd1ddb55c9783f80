using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Every console page in Chromium at 1280×800 and 390×844: nothing is wider than the window, the audit table fits its
/// panel, on a phone the menu is one line, and words never break inside (only digests and addresses may break
/// anywhere). The main pages are saved as screenshots at both sizes, <c>name-1280.png</c> and <c>name-390.png</c>, into
/// REGISTRY_CONSOLE_SCREENSHOTS when set, else into the repository's docs/screenshots (rewritten on every run; the
/// test checks the layout, not the pixels).
/// </summary>
public sealed class ConsoleLayoutBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-layout-")
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];

    /// <summary>
    /// Finds the elements that let words break inside, and the words shown broken across lines (a word's text spans
    /// more than one line box; words end at spaces, hyphens and slashes), outside digests, identifiers (.ident: media types, image references), code and secrets (and
    /// digests written in text, such as checksums in the audit details, which may break anywhere too).
    /// </summary>
    private const string MidWordBreaks = """
        () => {
          const exempt = e => e.closest('.mono, code, pre, .digest, .ident, .secret, script, style, .skip') !== null;
          const found = [...document.querySelectorAll('body *')]
            .filter(e => !exempt(e))
            .filter(e => { const s = getComputedStyle(e); return s.wordBreak === 'break-all' || s.overflowWrap === 'anywhere'; })
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (exempt(node.parentElement) || node.parentElement.getClientRects().length === 0) continue;
            const pattern = /[^\s\-\/]+/g;
            for (let m = pattern.exec(node.data); m; m = pattern.exec(node.data)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
              const digest = /^([a-z0-9]+:)?[0-9a-f]{32,}$/.test(m[0]);
              if (lines.size > 1 && !digest) found.push('"' + m[0] + '" in ' + node.parentElement.tagName.toLowerCase() + ' of ' + location.pathname);
            }
          }
          return found;
        }
        """;

    /// <summary>The distinct tops of the menu's links (one line: one top) and the menu's height.</summary>
    private const string NavLines = """
        () => { const nav = document.querySelector('nav[aria-label=Main]');
                return [new Set([...nav.querySelectorAll('a')].map(a => Math.round(a.getBoundingClientRect().top))).size,
                        Math.round(nav.getBoundingClientRect().height)]; }
        """;

    private ConsoleBrowser? _browser;
    private PushedManifest? _api;
    private string? _webIndex;

    private ConsoleBrowser Browser => _browser!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient admin = Registry.CreateClient();
        _api = await ConsoleSampleData.SeedAsync(admin);
        using HttpResponseMessage index = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{ConsoleSampleData.Web}/manifests/2.0.0")
        {
            Headers = { { "Accept", "application/vnd.oci.image.index.v1+json" } },
        });
        _webIndex = index.Headers.GetValues("Docker-Content-Digest").Single();
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
    public async Task EveryPage_FitsTheWindow_WithAOneLineMenuOnAPhone_AndIsSavedAsAScreenshot()
    {
        string directory = ScreenshotDirectory();
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/ui/login");
            await AssertFitsAsync(page, width);
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"login-{width}.png") });
        }

        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        var pages = new (string Name, string Path)[]
        {
            ("overview", "/ui"),
            ("repositories", "/ui/repositories"),
            ("repository", $"/ui/repository?name={ConsoleSampleData.Api}&sort=semver"),
            ("manifest", $"/ui/manifest?repository={ConsoleSampleData.Api}&digest={_api!.Digest}"),
            ("index", $"/ui/manifest?repository={ConsoleSampleData.Web}&digest={_webIndex}"),
            ("tag-history", $"/ui/tag?repository={ConsoleSampleData.Base}&tag=12"),
            ("artifacts", "/ui/artifacts?repository=libs-release&path=com/example/billing/2.3.0"),
            ("artifact", "/ui/artifacts?repository=libs-release&path=com/example/billing/2.3.0/billing-2.3.0.jar"),
            ("packages", $"/ui/packages?repository={ConsoleSampleData.NpmRepository}"),
            ("package", $"/ui/packages?repository={ConsoleSampleData.NpmRepository}&package={Uri.EscapeDataString(ConsoleSampleData.NpmPackage)}"),
            ("protection", "/ui/protection"),
            ("retention", "/ui/retention"),
            ("gc", "/ui/gc"),
            ("tokens", "/ui/tokens"),
            ("account", "/ui/account"),
            ("users", "/ui/admin/users"),
            ("webhooks", "/ui/admin/webhooks"),
            ("quotas", "/ui/admin/quotas"),
            ("audit", "/ui/admin/audit"),
        };
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach ((string name, string path) in pages)
            {
                IResponse? response = await page.GotoAsync(path);
                Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                await AssertFitsAsync(page, width);
                Assert.Empty(await page.EvaluateAsync<string[]>(MidWordBreaks));
                if (width < 700)
                {
                    int[] nav = await page.EvaluateAsync<int[]>(NavLines);
                    Assert.True(nav[0] == 1, $"the menu of {path} takes {nav[0]} lines at {width} px");
                    Assert.True(nav[1] <= 48, $"the menu of {path} is {nav[1]} px high at {width} px");
                }

                await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}-{width}.png"), FullPage = true });
            }

            // The audit table fits its panel: no sideways scrolling inside it either.
            await page.GotoAsync("/ui/admin/audit");
            int inside = await page.EvaluateAsync<int>("() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth - w.clientWidth; }");
            string widest = await page.EvaluateAsync<string>("() => { const all = [...document.querySelectorAll('.table-wrap *')]; const e = all.sort((a, b) => b.scrollWidth - a.scrollWidth)[0]; return e.tagName + '.' + e.className + ' ' + e.scrollWidth; }");
            Assert.True(inside <= 0, $"the audit table is {inside} px wider than its panel at {width} px (widest: {widest})");
        }

        Output.WriteLine($"screenshots in {directory}");
        Assert.All(pages, p => Assert.True(new FileInfo(Path.Combine(directory, p.Name + "-390.png")).Length > 10_000, $"{p.Name}-390.png is missing or blank"));
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a {width} px window");
    }

    /// <summary>REGISTRY_CONSOLE_SCREENSHOTS, else docs/screenshots of the repository this test was built from.</summary>
    private string ScreenshotDirectory()
    {
        string? directory = Environment.GetEnvironmentVariable("REGISTRY_CONSOLE_SCREENSHOTS") is { Length: > 0 } target ? target : null;
        for (DirectoryInfo? at = new(AppContext.BaseDirectory); directory is null && at is not null; at = at.Parent)
        {
            if (File.Exists(Path.Combine(at.FullName, "Registry.sln")))
            {
                directory = Path.Combine(at.FullName, "docs", "screenshots");
            }
        }

        directory ??= Work.Combine("screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
