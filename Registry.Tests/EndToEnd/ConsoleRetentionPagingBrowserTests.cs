using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A retention dry run over 5,000 tags in Chromium (1280×800 and 390×844) against the registry process: every
/// candidate is reachable page by page, down to the last, with the totals, and the bytes it would free are exact:
/// the blobs of the two images it deletes, a layer they share with the kept image not counted and their shared layer
/// counted once. While a dry run works, the page shows its progress (time taken against the last dry run's).
/// </summary>
public sealed class ConsoleRetentionPagingBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-retention-")
{
    private const string Repository = "team/many";
    private const int Tags = 5000;

    [EndToEndFact]
    public async Task DryRunOf5000Tags_PagesToTheLastCandidate_WithTotalsAndExactFreedBytes_OnDesktopAndPhone()
    {
        using HttpClient admin = Registry.CreateClient(TimeSpan.FromMinutes(2));
        byte[] shared = Digests.RandomBytes(10_000);       // in every image, the kept one too: never freed
        byte[] deletedShared = Digests.RandomBytes(7_000);  // in both deleted images: freed once
        (byte[] a, long aBytes) = await PushImageAsync(admin, [shared, deletedShared, Digests.RandomBytes(3_000)]);
        (byte[] b, long bBytes) = await PushImageAsync(admin, [shared, deletedShared, Digests.RandomBytes(2_000)]);
        // Manifests, configs and own layers of both, their shared layer once, and not the layer the kept image uses too.
        long expectedFreed = aBytes + bBytes - (2 * shared.Length) - deletedShared.Length;
        using (var gate = new SemaphoreSlim(12))
        {
            await Task.WhenAll(Enumerable.Range(0, Tags).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    await admin.PushManifestAsync(Repository, i % 2 == 0 ? a : b, MediaTypes.OciManifest, $"t{i:0000}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        (byte[] kept, _) = await PushImageAsync(admin, [shared, Digests.RandomBytes(1_000)]);
        await admin.PushManifestAsync(Repository, kept, MediaTypes.OciManifest, "latest");
        using HttpResponseMessage created = await admin.PostAsJsonAsync("/api/v1/retention/policies", new
        {
            name = "keep-latest-of-many",
            repositories = new[] { Repository },
            rules = new[] { new { kind = "most-recently-pushed", count = 1 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long policy = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        await using ConsoleBrowser browser = await ConsoleBrowser.LaunchAsync();
        IPage page = await browser.NewPageAsync(Registry.BaseUri);
        page.SetDefaultTimeout(60_000);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        await page.GotoAsync($"/ui/retention/policy?id={policy}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run of" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run of" })).ToContainTextAsync("5,000 tags, 2 manifests");
        const string total = "of 5,002 (5,000 tags, 2 manifests)";
        await Assertions.Expect(page.GetByText("Rows 1–100 " + total)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"exactly {expectedFreed:N0} bytes", new() { Exact = false })).ToBeVisibleAsync();

        foreach ((int width, int height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GetByRole(AriaRole.Link, new() { Name = "Last page" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Rows 5,001–5,002 " + total)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = Digests.Sha256(a)[..19] })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = Digests.Sha256(b)[..19] })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
            int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"the last page is {overflow} px wider than a {width} px window");

            await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Rows 4,901–5,000 " + total)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "tag t4999", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "tag latest", Exact = true })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "tag t0000", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText($"exactly {expectedFreed:N0} bytes", new() { Exact = false })).ToBeVisibleAsync();
        }

        // While a dry run works, the page shows its progress against the last dry run's duration, then the result. (The
        // registry answers 5,000 tags in about a second here; the browser holds the request back 3 s to watch it.)
        await page.RouteAsync(new System.Text.RegularExpressions.Regex("/ui/retention/policy"), async route =>
        {
            if (route.Request.Method == "POST")
            {
                await Task.Delay(3000);
            }

            await route.ContinueAsync();
        });
        foreach ((int width, int height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/retention/policy?id={policy}");
            // Playwright waits for the navigation before it looks at the page again, so the page records what it shows
            // while the answer is pending (sessionStorage outlives the navigation).
            await page.EvaluateAsync("""
                () => new MutationObserver(() => {
                    const panel = document.querySelector('.progress-panel');
                    if (panel) {
                        sessionStorage.setItem('progress', panel.innerText + '|bar:' + !!panel.querySelector('progress')
                            + '|disabled:' + document.querySelector('form[data-progress] button').disabled);
                    }
                }).observe(document.body, { childList: true, subtree: true, characterData: true })
                """);
            await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run of" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
            string shown = await page.EvaluateAsync<string>("() => sessionStorage.getItem('progress') || ''");
            Assert.Matches(@"^Dry run in progress: [1-9] s of about \d+ s .*\|bar:true\|disabled:true$", shown);
            await Assertions.Expect(page.Locator(".progress-panel")).ToHaveCountAsync(0);
        }

        using HttpResponseMessage still = await admin.GetAsync($"/v2/{Repository}/manifests/t4999");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    /// <summary>Pushes the blobs and returns the manifest with the bytes of all it stores (manifest, config, layers).</summary>
    private static async Task<(byte[] Manifest, long Bytes)> PushImageAsync(HttpClient admin, IReadOnlyList<byte[]> layers)
    {
        byte[] config = System.Text.Encoding.UTF8.GetBytes($$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"seed":"{{Guid.NewGuid():N}}"}""");
        await admin.PushBlobAsync(Repository, config);
        foreach (byte[] layer in layers)
        {
            await admin.PushBlobAsync(Repository, layer);
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), layers.Select(l => Descriptor.For(MediaTypes.OciLayer, l)));
        return (manifest, manifest.Length + config.Length + layers.Sum(l => (long)l.Length));
    }
}
