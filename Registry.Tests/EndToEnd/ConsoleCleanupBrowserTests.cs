using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Cleaning up in the console, in Chromium at desktop (1280×800) and phone (390×844) size against the registry
/// process: listing a repository's untagged manifests and deleting one after confirming, deleting a repository after
/// typing its name (refused while a protected tag is in it), and redelivering a failed webhook delivery to a receiver
/// that failed it first.
/// </summary>
public sealed class ConsoleCleanupBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "e2e-console-webhook-secret-0123";
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];
    private RegistryProcess? _registry;
    private ConsoleBrowser? _browser;

    private RegistryProcess Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public async Task InitializeAsync()
    {
        _registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Webhooks__InitialBackoff"] = "00:00:00.200",
            ["Registry__Webhooks__MaxBackoff"] = "00:00:00.500",
            ["Registry__Webhooks__MaxAttempts"] = "2",
            ["Registry__Webhooks__PollInterval"] = "00:00:00.100",
        });
        _browser = await ConsoleBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_registry is not null)
        {
            output.WriteLine(_registry.RecentOutput(200));
            await _registry.DisposeAsync();
        }
    }

    [EndToEndFact]
    public async Task UntaggedManifests_AreListed_AndOneIsDeletedAfterConfirming_OnDesktopAndPhone()
    {
        using HttpClient admin = Registry.CreateClient();
        const string repository = "team/untagged";
        await admin.PushImageAsync(repository, "1.0");
        PushedManifest child = await admin.PushImageAsync(repository);
        await admin.PushManifestAsync(repository, Manifests.OciIndex([Descriptor.For(MediaTypes.OciManifest, child.Content)]), MediaTypes.OciIndex, "multi");
        var loose = new List<PushedManifest> { await admin.PushImageAsync(repository), await admin.PushImageAsync(repository) };
        IPage page = await Browser().NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        string? confirmation = null;
        page.Dialog += async (_, dialog) =>
        {
            confirmation = dialog.Message;
            await dialog.AcceptAsync();
        };

        for (int i = 0; i < Sizes.Length; i++)
        {
            await page.SetViewportSizeAsync(Sizes[i].Width, Sizes[i].Height);
            await page.GotoAsync($"/ui/repository?name={repository}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Untagged manifests" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Untagged manifests", Level = 1 })).ToBeVisibleAsync();
            foreach (PushedManifest manifest in loose.Skip(i))
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = manifest.Digest[..19] })).ToBeVisibleAsync();
            }

            await Assertions.Expect(page.GetByText($"{loose.Count - i} untagged manifests")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = child.Digest[..19] })).ToHaveCountAsync(0);
            await AssertFitsAsync(page, Sizes[i].Width);

            await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {loose[i].Digest}" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Deleted {loose[i].Digest}.");
            Assert.Contains("Delete the manifest", confirmation);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = loose[i].Digest[..19] })).ToHaveCountAsync(0);
            using HttpResponseMessage gone = await admin.GetAsync($"/v2/{repository}/manifests/{loose[i].Digest}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        await Assertions.Expect(page.GetByText("No untagged manifests.")).ToBeVisibleAsync();
        using HttpResponseMessage tagged = await admin.GetAsync($"/v2/{repository}/manifests/1.0");
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        List<JsonElement> audit = await AuditAsync(admin, "action=manifest.delete");
        Assert.All(loose, m => Assert.Contains(audit, e => e.GetProperty("target").GetString() == $"{repository}@{m.Digest}" && e.GetProperty("actor").GetString() == "admin"));
    }

    [EndToEndFact]
    public async Task Repository_IsDeletedAfterTypingItsName_AndRefusedWhileATagIsProtected_OnDesktopAndPhone()
    {
        using HttpClient admin = Registry.CreateClient();
        IPage page = await Browser().NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        foreach ((int width, int height) in Sizes)
        {
            string repository = $"team/doomed-{width}";
            await admin.PushImageAsync(repository, "1.0");
            await admin.PushImageAsync(repository, "keep");
            await admin.PushImageAsync(repository);
            using HttpResponseMessage rule = await admin.PostAsJsonAsync("/api/v1/protection-rules", new { repository, pattern = "keep", kind = "protected-from-deletion" });
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
            long ruleId = JsonDocument.Parse(await rule.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/ui/repository?name={repository}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Delete repository" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Delete {repository}", Level = 1 })).ToBeVisibleAsync();
            await AssertFitsAsync(page, width);

            // A wrong name deletes nothing; a protected tag refuses the delete and is named.
            await page.GetByLabel("Type the repository name").FillAsync("team/other");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete this repository" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("exactly to confirm");
            await page.GetByLabel("Type the repository name").FillAsync(repository);
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete this repository" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 tag(s) are protected");
            await Assertions.Expect(page.GetByText($"tag '{repository}:keep' is protected from deletion")).ToBeVisibleAsync();
            using (HttpResponseMessage still = await admin.GetAsync($"/v2/{repository}/manifests/1.0"))
            {
                Assert.Equal(HttpStatusCode.OK, still.StatusCode);
            }

            using (HttpResponseMessage removed = await admin.DeleteAsync($"/api/v1/protection-rules/{ruleId}"))
            {
                Assert.True(removed.IsSuccessStatusCode);
            }

            await page.GetByLabel("Type the repository name").FillAsync(repository);
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete this repository" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Deleted the repository {repository}.");
            await Assertions.Expect(page.GetByText("2 tags, 3 manifests")).ToBeVisibleAsync();
            await AssertFitsAsync(page, width);
            foreach (string tag in new[] { "1.0", "keep" })
            {
                using HttpResponseMessage gone = await admin.GetAsync($"/v2/{repository}/manifests/{tag}");
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }

            JsonElement entry = Assert.Single(await AuditAsync(admin, $"action=repository.delete&target={repository}"));
            Assert.Equal("admin", entry.GetProperty("actor").GetString());
        }
    }

    [EndToEndFact]
    public async Task FailedDeliveries_AreRedeliveredFromTheWebhookPage_WithTheSamePayload_OnDesktopAndPhone()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.FailAll = true;
        using HttpClient admin = Registry.CreateClient();
        var webhooks = new WebhookApi(admin);
        string webhook = await webhooks.CreateAsync("console-redeliver", receiver, CancellationToken.None);
        await admin.PushImageAsync("team/hooked", "1");
        await admin.PushImageAsync("team/hooked", "2");
        IReadOnlyList<JsonElement> failed = await webhooks.WaitForDeliveriesAsync(webhook,
            d => d.Count(x => WebhookApi.Status(x) == "failed") >= 2, TimeSpan.FromSeconds(60), "two failed deliveries", CancellationToken.None);
        var sent = receiver.Received.GroupBy(r => r.EventId!).ToDictionary(g => g.Key, g => Convert.ToBase64String(g.First().Body));
        receiver.FailAll = false;
        IPage page = await Browser().NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);

        for (int i = 0; i < Sizes.Length; i++)
        {
            JsonElement original = failed.Where(d => WebhookApi.Status(d) == "failed").ElementAt(i);
            long id = original.GetProperty("id").GetInt64();
            await page.SetViewportSizeAsync(Sizes[i].Width, Sizes[i].Height);
            await page.GotoAsync($"/ui/admin/webhooks?id={webhook}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deliveries of console-redeliver" })).ToBeVisibleAsync();
            await AssertFitsAsync(page, Sizes[i].Width);

            await page.GetByRole(AriaRole.Button, new() { Name = $"Redeliver delivery {id}" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Delivery {id} queued again as delivery");
            IReadOnlyList<JsonElement> deliveries = await webhooks.WaitForDeliveriesAsync(webhook,
                d => d.Any(x => x.TryGetProperty("redeliveryOf", out JsonElement of) && of.ValueKind == JsonValueKind.Number && of.GetInt64() == id && WebhookApi.Status(x) == "delivered"),
                TimeSpan.FromSeconds(30), $"delivery {id} redelivered", CancellationToken.None);
            JsonElement again = deliveries.Single(x => x.GetProperty("redeliveryOf").ValueKind == JsonValueKind.Number && x.GetProperty("redeliveryOf").GetInt64() == id);
            Assert.Equal("admin", again.GetProperty("redeliveredBy").GetString());
            string eventId = WebhookApi.EventId(original);
            ReceivedWebhook accepted = Assert.Single(receiver.Accepted, r => r.EventId == eventId);
            Assert.True(accepted.SignatureValid);
            Assert.Equal(sent[eventId], Convert.ToBase64String(accepted.Body));
            await page.GotoAsync($"/ui/admin/webhooks?id={webhook}");
            await Assertions.Expect(page.GetByText($"again of {id}", new() { Exact = true })).ToHaveCountAsync(1);
        }

        List<JsonElement> audit = await AuditAsync(admin, "action=webhook.redeliver");
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
    }

    private ConsoleBrowser Browser() => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a {width} px window");
    }

    private static async Task<List<JsonElement>> AuditAsync(HttpClient admin, string query)
    {
        using HttpResponseMessage response = await admin.GetAsync("/api/v1/audit?limit=1000&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. page.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }
}
