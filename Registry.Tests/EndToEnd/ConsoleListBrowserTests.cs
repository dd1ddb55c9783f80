using System.Net.Http.Json;
using System.Globalization;
using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;
using MediaTypes = Registry.Tests.Api.MediaTypes;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The console's lists in Chromium at 1280×800 and 390×844: each shows its total, pages forward to the last page and
/// back to the first, and time-ordered lists are newest first; a multi-platform image shows each platform's size and
/// the unique total (a layer shared between platforms counted once) on its manifest page and in the tag list. Lists
/// run with 10 rows a page (Registry:Console:PageSize).
/// </summary>
public sealed class ConsoleListBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-lists-")
{
    private const int Repositories = 23;
    private const int PageSize = 10;
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];

    private const string HistoryRepository = "history/app";
    private const string TagsRepository = "tags/app";
    private const int TagCount = 25;
    private readonly List<string> _moves = [];
    private string _webhook = "";
    private long _policy;
    private ConsoleBrowser? _browser;

    private ConsoleBrowser Browser => _browser!;

    public override async Task InitializeAsync()
    {
        await StartAsync(new Dictionary<string, string> { ["Registry__Console__PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture) });
        using HttpClient admin = Registry.CreateClient();
        for (int i = 0; i < Repositories; i++)
        {
            await admin.PushImageAsync(RepositoryName(i), "1.0");
        }

        // A webhook nobody answers, for the namespace tags: each tag push below leaves one delivery in its log.
        using (HttpResponseMessage hook = await admin.PostAsJsonAsync("/api/v1/webhooks", new
        {
            name = "unanswered", url = "http://127.0.0.1:9/hook", secret = "paging-webhook-secret-0123456789", actions = new[] { "push" }, namespaces = new[] { "tags" },
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, hook.StatusCode);
            _webhook = System.Text.Json.JsonDocument.Parse(await hook.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        }

        for (int i = 0; i < TagCount; i++)
        {
            await admin.PushImageAsync(TagsRepository, $"t{i:00}");
        }

        // A retention policy with a history of dry runs.
        using (HttpResponseMessage created = await admin.PostAsJsonAsync("/api/v1/retention/policies", new
        {
            name = "paging-policy", repositories = new[] { "tags/*" }, rules = new[] { new { kind = "most-recently-pushed", count = 100 } },
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            _policy = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        }

        for (int i = 0; i < TagCount; i++)
        {
            using HttpResponseMessage dryRun = await admin.PostAsync("/api/v1/retention/policies/paging-policy/dry-run", null);
            Assert.True(dryRun.IsSuccessStatusCode, $"dry run answered {(int)dryRun.StatusCode}");
        }

        for (int i = 0; i < Repositories; i++)
        {
            _moves.Add((await admin.PushImageAsync(HistoryRepository, "moving")).Digest);
        }

        for (int i = 0; i < Repositories; i++)
        {
            using HttpResponseMessage pass = await admin.PostAsync("/api/v1/gc/run", null);
            Assert.True(pass.IsSuccessStatusCode, $"POST /api/v1/gc/run answered {(int)pass.StatusCode}");
        }

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

    private static string RepositoryName(int i) => $"paging/r{i:00}";

    [EndToEndFact]
    public async Task Repositories_ShowTheirTotal_AndPageToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/ui/repositories?ns=paging");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(pager).ToContainTextAsync($"{Repositories} repositories");
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

            var seen = new List<string>(await RepositoryNamesAsync(page));
            for (int pageNumber = 2; pageNumber <= 3; pageNumber++)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                await Assertions.Expect(pager).ToContainTextAsync($"{Repositories} repositories");
                seen.AddRange(await RepositoryNamesAsync(page));
            }

            Assert.Equal(Enumerable.Range(0, Repositories).Select(RepositoryName), seen);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);

            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(Enumerable.Range(PageSize, PageSize).Select(RepositoryName), await RepositoryNamesAsync(page));
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(Enumerable.Range(0, PageSize).Select(RepositoryName), await RepositoryNamesAsync(page));
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(1);
            await AssertFitsAsync(page, width);
        }
    }

    [EndToEndFact]
    public async Task AuditLog_IsNewestFirst_ShowsItsTotal_AndPagesToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/ui/admin/audit?action=manifest.push&target=paging/");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(pager).ToContainTextAsync($"{Repositories} entries, newest first");
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

            List<string> first = await AuditTargetsAsync(page);
            var seen = new List<string>(first);
            for (int pageNumber = 2; pageNumber <= 3; pageNumber++)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                seen.AddRange(await AuditTargetsAsync(page));
            }

            // Newest first: the last repository pushed comes first, the first pushed last.
            Assert.Equal(Enumerable.Range(0, Repositories).Reverse().Select(i => RepositoryName(i) + ":1.0"), seen);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
            await AssertFitsAsync(page, width);

            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(seen.Skip(PageSize).Take(PageSize), await AuditTargetsAsync(page));
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(first, await AuditTargetsAsync(page));
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToHaveCountAsync(0);
        }
    }

    [EndToEndFact]
    public async Task TagHistory_IsNewestFirst_ShowsItsTotal_AndPagesToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        List<string> newestFirst = [.. _moves.Select(d => d[..19]).Reverse()];
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/tag?repository={HistoryRepository}&tag=moving");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(pager).ToContainTextAsync($"{Repositories} changes, newest first");
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

            List<string> first = await HistoryTargetsAsync(page);
            var seen = new List<string>(first);
            for (int pageNumber = 2; pageNumber <= 3; pageNumber++)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                seen.AddRange(await HistoryTargetsAsync(page));
            }

            Assert.Equal(newestFirst, seen);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
            await AssertFitsAsync(page, width);
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(newestFirst.Skip(PageSize).Take(PageSize), await HistoryTargetsAsync(page));
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(first, await HistoryTargetsAsync(page));
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        }
    }

    [EndToEndFact]
    public async Task RepositoryTags_AreNewestFirst_ShowTheirTotal_AndPageToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        List<string> newestFirst = [.. Enumerable.Range(0, TagCount).Reverse().Select(i => $"t{i:00}")];
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/repository?name={TagsRepository}");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(pager).ToContainTextAsync($"{TagCount} tags, newest first");
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

            List<string> first = await TagNamesAsync(page);
            var seen = new List<string>(first);
            for (int pageNumber = 2; pageNumber <= 3; pageNumber++)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                seen.AddRange(await TagNamesAsync(page));
            }

            Assert.Equal(newestFirst, seen);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
            await AssertFitsAsync(page, width);
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(newestFirst.Skip(PageSize).Take(PageSize), await TagNamesAsync(page));
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(first, await TagNamesAsync(page));
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        }
    }

    [EndToEndFact]
    public async Task WebhookDeliveries_AreNewestFirst_ShowTheirTotal_AndPageToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        ILocator ids = page.Locator("main h2:has-text('Deliveries of') ~ .table-wrap tbody tr td:first-child");
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/admin/webhooks?id={_webhook}");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(pager).ToContainTextAsync($"{TagCount} deliveries, newest first");
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
            List<long> first = await IdsAsync(ids);
            var seen = new List<long>(first);
            for (int pageNumber = 2; pageNumber <= 3; pageNumber++)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                seen.AddRange(await IdsAsync(ids));
            }

            Assert.Equal(TagCount, seen.Distinct().Count());
            Assert.Equal(seen.OrderDescending(), seen);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
            await AssertFitsAsync(page, width);
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(seen.Skip(PageSize).Take(PageSize), await IdsAsync(ids));
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(first, await IdsAsync(ids));
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        }
    }

    [EndToEndFact]
    public async Task RetentionRuns_AreNewestFirst_ShowTheirTotal_AndPageToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        ILocator links = page.Locator("main h2:has-text('Runs') ~ .table-wrap tbody tr a");
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/retention/policy?id={_policy}");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(pager).ToContainTextAsync($"{TagCount} runs, newest first");
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
            List<string> first = await RunLinksAsync(links);
            var seen = new List<string>(first);
            for (int pageNumber = 2; pageNumber <= 3; pageNumber++)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                seen.AddRange(await RunLinksAsync(links));
            }

            Assert.Equal(TagCount, seen.Distinct().Count());
            Assert.Equal(seen.OrderByDescending(RunId), seen);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
            await AssertFitsAsync(page, width);
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(seen.Skip(PageSize).Take(PageSize), await RunLinksAsync(links));
            await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            Assert.Equal(first, await RunLinksAsync(links));
        }
    }

    private static async Task<List<string>> RunLinksAsync(ILocator links)
        => [.. await links.EvaluateAllAsync<string[]>("anchors => anchors.map(a => a.getAttribute('href'))")];

    private static long RunId(string href)
        => long.Parse(System.Text.RegularExpressions.Regex.Match(href, @"[?&]run=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<List<long>> IdsAsync(ILocator cells)
        => [.. (await cells.AllInnerTextsAsync()).Select(text => long.Parse(text.Split('\n')[0].Trim(), CultureInfo.InvariantCulture))];

    private static async Task<List<string>> TagNamesAsync(IPage page)
        => [.. await page.Locator("main input[name=tag]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)")];

    [EndToEndFact]
    public async Task GcRuns_ShowTheirTotal_AndPageToTheLastPageAndBackToTheFirst()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        ILocator rows = page.Locator("main table tbody tr");
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/ui/gc");
            ILocator pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            string total = await pager.Locator(".total").InnerTextAsync();
            int runs = int.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(runs >= Repositories, $"the GC page says '{total}'");
            Assert.Contains("runs, newest first", total);
            await Assertions.Expect(rows).ToHaveCountAsync(PageSize);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

            int pages = 1;
            int seen = PageSize;
            while (await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).CountAsync() > 0)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
                await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToHaveCountAsync(1);
                seen += await rows.CountAsync();
                pages++;
            }

            Assert.Equal(runs, seen);
            await AssertFitsAsync(page, width);
            for (int back = pages; back > 1; back--)
            {
                await pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
                await Assertions.Expect(rows).ToHaveCountAsync(PageSize);
            }

            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
            await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(1);
        }
    }

    [EndToEndFact]
    public async Task MultiPlatformImage_ShowsEachPlatformsSize_AndTheUniqueTotalWithSharedLayersOnce()
    {
        const string repository = "sizes/app";
        using HttpClient admin = Registry.CreateClient();
        byte[] shared = Digests.RandomBytes(200 * 1024);
        byte[] amd64Layer = Digests.RandomBytes(30 * 1024);
        byte[] arm64Layer = Digests.RandomBytes(50 * 1024);
        byte[] amd64Config = Config("amd64");
        byte[] arm64Config = Config("arm64");
        foreach (byte[] blob in new[] { shared, amd64Layer, arm64Layer, amd64Config, arm64Config })
        {
            await admin.PushBlobAsync(repository, blob);
        }

        PushedManifest amd64 = await admin.PushManifestAsync(repository,
            Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, amd64Config), [Descriptor.For(MediaTypes.OciLayer, shared), Descriptor.For(MediaTypes.OciLayer, amd64Layer)]), MediaTypes.OciManifest);
        PushedManifest arm64 = await admin.PushManifestAsync(repository,
            Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, arm64Config), [Descriptor.For(MediaTypes.OciLayer, shared), Descriptor.For(MediaTypes.OciLayer, arm64Layer)]), MediaTypes.OciManifest);
        byte[] index = Manifests.OciIndex([
            Descriptor.For(MediaTypes.OciManifest, amd64.Content) with { Platform = ("linux", "amd64") },
            Descriptor.For(MediaTypes.OciManifest, arm64.Content) with { Platform = ("linux", "arm64") }]);
        PushedManifest pushed = await admin.PushManifestAsync(repository, index, MediaTypes.OciIndex, "2.0");

        long amd64Size = amd64Config.Length + shared.Length + amd64Layer.Length;
        long arm64Size = arm64Config.Length + shared.Length + arm64Layer.Length;
        long uniqueTotal = index.Length + amd64.Content.Length + arm64.Content.Length
            + amd64Config.Length + arm64Config.Length + shared.Length + amd64Layer.Length + arm64Layer.Length;
        Assert.NotEqual(Bytes(uniqueTotal), Bytes(amd64Size + arm64Size + index.Length + amd64.Content.Length + arm64.Content.Length));

        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/manifest?repository={repository}&digest={pushed.Digest}");
            await Assertions.Expect(page.Locator("#unique-total")).ToContainTextAsync(Bytes(uniqueTotal));
            await Assertions.Expect(page.Locator("#unique-total")).ToContainTextAsync("shared between platforms counted once");
            ILocator platforms = page.Locator("table").First;
            await Assertions.Expect(platforms.GetByRole(AriaRole.Row).Filter(new() { HasText = "linux/amd64" })).ToContainTextAsync(Bytes(amd64Size));
            await Assertions.Expect(platforms.GetByRole(AriaRole.Row).Filter(new() { HasText = "linux/arm64" })).ToContainTextAsync(Bytes(arm64Size));
            await AssertFitsAsync(page, width);

            await page.GotoAsync($"/ui/repository?name={repository}");
            ILocator row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "2.0" });
            await Assertions.Expect(row).ToContainTextAsync(Bytes(uniqueTotal) + " Σ");
            Assert.Contains("shared between platforms counted once", await row.Locator("abbr.total").GetAttributeAsync("title"));
            await AssertFitsAsync(page, width);
        }
    }

    private static byte[] Config(string architecture)
        => System.Text.Encoding.UTF8.GetBytes($$$"""{"architecture":"{{{architecture}}}","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""");

    /// <summary>Sizes as the console writes them (binary units, one decimal).</summary>
    private static string Bytes(long value)
    {
        string[] units = ["B", "KiB", "MiB", "GiB"];
        double size = value;
        int unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0 ? $"{value} B" : string.Create(CultureInfo.InvariantCulture, $"{size:0.#} {units[unit]}");
    }

    private static async Task<List<string>> RepositoryNamesAsync(IPage page)
        => [.. await page.Locator("main table tbody tr td:first-child a").AllInnerTextsAsync()];

    private static async Task<List<string>> AuditTargetsAsync(IPage page)
        => [.. (await page.Locator("main table tbody tr td:nth-child(4)").AllInnerTextsAsync()).Select(t => t.Trim())];

    private static async Task<List<string>> HistoryTargetsAsync(IPage page)
        => [.. (await page.Locator("main table tbody tr td:nth-child(4)").AllInnerTextsAsync()).Select(t => t.Trim())];

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a {width} px window");
    }
}
