using Microsoft.Playwright;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Preheat in the console, in Chromium: an admin adds an edge (a second registry of ours with a docker remote over
/// this one) on the edges page, whose password is never shown, then presses "Preheat edges" on a tag's page and reads
/// what the edge fetched; the edge then serves the layers with this registry gone.
/// </summary>
public sealed class ConsolePreheatBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-preheat-")
{
    [EndToEndFact]
    public async Task AnAdmin_AddsAnEdge_AndPreheatsATagFromItsPage()
    {
        RegistryProcess edge = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient origin = Registry.CreateClient();
            (byte[] amdLayer, byte[] armLayer, _, _) = await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "1.0");
            using HttpClient edgeClient = edge.CreateClient();
            await EdgeImages.CreateRemoteAsync(edgeClient, "origin", Registry);

            await using ConsoleBrowser browser = await ConsoleBrowser.LaunchAsync();
            IPage page = await browser.NewPageAsync(Registry.BaseUri);
            await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);

            await page.GetByRole(AriaRole.Link, new() { Name = "Edges", Exact = true }).ClickAsync();
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("edge-1");
            await page.GetByLabel("Edge URL").FillAsync(edge.BaseUri.ToString());
            await page.GetByLabel("Remote key on the edge").FillAsync("origin");
            await page.GetByLabel("Edge username").FillAsync("admin");
            await page.GetByLabel("Edge password").FillAsync(edge.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add edge" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added the edge edge-1.");
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "admin (password stored)" })).ToBeVisibleAsync();
            Assert.DoesNotContain(edge.AdminPassword, await page.ContentAsync(), StringComparison.Ordinal);

            string? confirmation = null;
            page.Dialog += async (_, dialog) =>
            {
                confirmation = dialog.Message;
                await dialog.AcceptAsync();
            };
            await page.GotoAsync("/ui/tag?repository=team/app&tag=1.0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Preheat edges" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Preheated team/app:1.0 on 1 edge(s): edge-1: 3 blobs fetched");
            Assert.Contains("Ask 1 edge(s) to fetch team/app:1.0 now?", confirmation);

            await Registry.DisposeAsync();
            foreach (byte[] layer in new[] { amdLayer, armLayer })
            {
                using HttpResponseMessage cached = await edgeClient.GetAsync($"/v2/origin/team/app/blobs/{Digests.Sha256(layer)}");
                Assert.Equal(System.Net.HttpStatusCode.OK, cached.StatusCode);
            }
        }
        finally
        {
            await edge.DisposeAsync();
        }
    }
}
