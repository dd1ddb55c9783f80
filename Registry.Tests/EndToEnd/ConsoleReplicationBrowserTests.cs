using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Replication in the console, in Chromium: an admin adds a push rule on the replication page (its password never
/// shown again), presses "Run now", and reads on the rule's runs page what the run did with each tag; the image is then
/// at the mapped name with the same digest. The rule replicates this registry into itself under another prefix, the
/// same requests another registry would get. With deletes carried, a tag deleted here is deleted there by the next
/// run, and both pages count it.
/// </summary>
public sealed class ConsoleReplicationBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-replication-")
{
    [EndToEndFact]
    public async Task AnAdmin_AddsARule_RunsIt_AndReadsTheRun()
    {
        using HttpClient client = Registry.CreateClient();
        (_, _, _, PushedManifest index) = await EdgeImages.PushTwoPlatformImageAsync(client, "team/app", "1.0");

        await using ConsoleBrowser browser = await ConsoleBrowser.LaunchAsync();
        IPage page = await browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Replication", Exact = true }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("dr-copy");
        await page.GetByLabel("Other registry URL").FillAsync(Registry.BaseUri.ToString());
        await page.GetByLabel("Username there").FillAsync("admin");
        await page.GetByLabel("Password there").FillAsync(Registry.AdminPassword);
        await page.GetByLabel("Repositories (globs)").FillAsync("team/*");
        await page.GetByLabel("Names there").SelectOptionAsync("prefix");
        await page.GetByLabel("Prefix here").FillAsync("team");
        await page.GetByLabel("Prefix there").FillAsync("dr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added the rule dr-copy.");
        await Assertions.Expect(page.GetByText("admin (password stored)")).ToBeVisibleAsync();
        Assert.DoesNotContain(Registry.AdminPassword, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Started a run of dr-copy");

        await page.GetByRole(AriaRole.Link, new() { Name = "dr-copy", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Runs of dr-copy" })).ToBeVisibleAsync();
        ILocator succeeded = page.GetByText("succeeded", new() { Exact = true });
        for (int attempt = 0; attempt < 100 && await succeeded.CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(200);
            await page.ReloadAsync();
        }

        await Assertions.Expect(succeeded).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("1 copied, 0 skipped, 0 failed")).ToBeVisibleAsync();
        await page.GetByText("1 tag", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "team/app:1.0" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "dr/app", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Copied", Exact = true })).ToBeVisibleAsync();

        using var head = new HttpRequestMessage(HttpMethod.Head, "/v2/dr/app/manifests/1.0");
        head.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.index.v1+json"));
        using HttpResponseMessage there = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, there.StatusCode);
        Assert.Equal(index.Digest, there.Headers.GetValues("Docker-Content-Digest").Single());

        await page.GotoAsync("/ui/admin/replication");
        await Assertions.Expect(page.GetByText("1 copied, 0 skipped, 0 failed", new() { Exact = false })).ToBeVisibleAsync();

        // The tag goes here; with deletes carried, the next run deletes it there, and both pages count it.
        using (HttpResponseMessage patched = await client.PatchAsync("/api/v1/replication/rules/dr-copy",
            new StringContent("""{"propagateDeletes": true}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        using (HttpResponseMessage deleted = await client.DeleteAsync("/v2/team/app/manifests/1.0"))
        {
            Assert.True(deleted.IsSuccessStatusCode, deleted.StatusCode.ToString());
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell).Filter(new() { HasText = "; propagate deletes" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Started a run of dr-copy");
        await page.GetByRole(AriaRole.Link, new() { Name = "dr-copy", Exact = true }).ClickAsync();
        ILocator deletedThere = page.GetByText("0 copied, 0 skipped, 0 failed, 1 deleted");
        for (int attempt = 0; attempt < 100 && await deletedThere.CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(200);
            await page.ReloadAsync();
        }

        await Assertions.Expect(deletedThere).ToBeVisibleAsync();
        await page.GetByText("1 tag", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Deleted: gone at the source", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/ui/admin/replication");
        await Assertions.Expect(page.GetByText("0 copied, 0 skipped, 0 failed, 1 deleted", new() { Exact = false })).ToBeVisibleAsync();
        using var again = new HttpRequestMessage(HttpMethod.Head, "/v2/dr/app/manifests/1.0");
        again.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.index.v1+json"));
        using HttpResponseMessage gone = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
