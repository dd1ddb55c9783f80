using Microsoft.Playwright;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The web console in a real browser (Chromium through Playwright) against the registry process: signing in,
/// browsing to a pushed image, deleting a tag with the confirmation, creating a retention policy and seeing its dry
/// run, creating a CI token whose secret is shown once, and a reader who neither sees nor can post destructive actions. The
/// dry run's screenshot is written to REGISTRY_CONSOLE_SCREENSHOTS when set, else to the test's scratch directory; the
/// other pages' screenshots come from <see cref="ConsoleLayoutBrowserTests"/>.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-console-")
{
    private const string ReaderPassword = "reader-password-1";
    private ConsoleBrowser? _browser;
    private PushedManifest? _api;

    private ConsoleBrowser Browser => _browser!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient admin = Registry.CreateClient();
        var management = new ManagementClient(admin);
        await management.CreateUserWithRoleAsync("reader", ReaderPassword, "reader", "team", CancellationToken.None);
        _api = await ConsoleSampleData.SeedAsync(admin);
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
    public async Task Admin_SignsIn_BrowsesToAnImage_AndDeletesATagAfterConfirming()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Repositories" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ConsoleSampleData.Api, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = ConsoleSampleData.Api })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "1.3.1" })).ToBeVisibleAsync();

        string? confirmation = null;
        page.Dialog += async (_, dialog) =>
        {
            confirmation = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.GetByLabel("Select 1.2.0").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected tags" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted 1.2.0.");
        Assert.Contains("Delete 1 tag(s)?", confirmation);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "1.2.0", Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "1.4.0", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = _api!.Digest[..19] }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Layers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("application/spdx+json")).ToBeVisibleAsync();
    }

    [EndToEndFact]
    public async Task CiToken_IsShownOnceAfterCreation()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        await page.GotoAsync("/ui/tokens");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ci-browser");
        await page.GetByLabel("Namespaces (comma separated, * for all)").FillAsync("team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        string secret = await page.Locator("#token-secret").InnerTextAsync();
        Assert.StartsWith("rgt_", secret);
        await page.GotoAsync("/ui/tokens");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ci-browser" })).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());
        using HttpClient robot = Registry.CreateClient("ci-browser", secret);
        using HttpResponseMessage tags = await robot.GetAsync($"/v2/{ConsoleSampleData.Api}/tags/list");
        Assert.Equal(System.Net.HttpStatusCode.OK, tags.StatusCode);
    }

    [EndToEndFact]
    public async Task Reader_SeesNoDestructiveActions_AndCannotPostThem()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "reader", ReaderPassword);
        await page.GotoAsync($"/ui/repository?name={ConsoleSampleData.Api}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "1.4.0", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete selected tags" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy tag" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        // A forged post of the delete form with the reader's own session and a valid anti-forgery token.
        string token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value") ?? "";
        IAPIResponse forged = await page.Context.APIRequest.PostAsync($"/ui/repository?name={ConsoleSampleData.Api}", new()
        {
            Form = FormOf(page.Context.APIRequest, ("_handler", "delete-tags"), ("__RequestVerificationToken", token), ("tag", "1.4.0")),
        });
        IAPIResponse withoutToken = await page.Context.APIRequest.PostAsync($"/ui/repository?name={ConsoleSampleData.Api}", new()
        {
            Form = FormOf(page.Context.APIRequest, ("_handler", "delete-tags"), ("tag", "1.4.0")),
        });

        Assert.True(forged.Status is 400 or 403, $"the reader's forged delete answered {forged.Status}");
        Assert.Equal(400, withoutToken.Status);
        using HttpClient admin = Registry.CreateClient();
        using HttpResponseMessage still = await admin.HeadAsync($"/v2/{ConsoleSampleData.Api}/manifests/1.4.0");
        Assert.Equal(System.Net.HttpStatusCode.OK, still.StatusCode);
    }

    [EndToEndFact]
    public async Task Admin_CreatesARetentionPolicy_AndSeesItsDryRun()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Retention", Exact = true }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("api-keep-two");
        await page.GetByLabel("Repositories (", new() { Exact = false }).FillAsync(ConsoleSampleData.Api);
        await page.GetByLabel("Most recently pushed: how many").FillAsync("2");
        await page.GetByLabel("Schedule (Quartz cron, UTC; empty: on demand only)").FillAsync("0 0 3 * * ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create policy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "api-keep-two", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run of" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "tag 1.2.0" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "tag latest" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory(), "retention-dry-run.png"), FullPage = true });
        using HttpClient admin = Registry.CreateClient();
        using HttpResponseMessage still = await admin.HeadAsync($"/v2/{ConsoleSampleData.Api}/manifests/1.2.0");
        Assert.Equal(System.Net.HttpStatusCode.OK, still.StatusCode);
    }

    [EndToEndFact]
    public async Task SignIn_WorksWithTheKeyboardAlone_AndPagesFitAPhoneScreen()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/ui");
        Assert.Equal("username", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("admin");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Registry.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/ui");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Registry", await page.EvaluateAsync<string>("document.activeElement.textContent"));

        foreach (string path in new[] { "/ui", "/ui/repositories", $"/ui/repository?name={ConsoleSampleData.Api}", $"/ui/manifest?repository={ConsoleSampleData.Api}&digest={_api!.Digest}", "/ui/retention", "/ui/admin/audit" })
        {
            await page.GotoAsync(path);
            int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 390 px screen");
        }
    }

    [EndToEndFact]
    public async Task UnknownPagesAndThings_Answer404_WithThePageInTheLayoutThatLinksHome_OnDesktopAndPhone()
    {
        IPage page = await Browser.NewPageAsync(Registry.BaseUri);
        await ConsoleBrowser.SignInAsync(page, "admin", Registry.AdminPassword);
        foreach ((int width, int height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (string path in new[] { "/ui/no-such-page", "/ui/repository?name=team/no-such-repository", $"/ui/tag?repository={ConsoleSampleData.Api}&tag=no-such-tag", "/ui/retention/policy?id=no-such-policy" })
            {
                IResponse? response = await page.GotoAsync(path);

                Assert.Equal(404, response!.Status);
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
                int overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a {width} px window");
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "Back to the overview" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        }
    }

    private string ScreenshotDirectory()
    {
        string directory = Environment.GetEnvironmentVariable("REGISTRY_CONSOLE_SCREENSHOTS") is { Length: > 0 } target ? target : Work.Combine("screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        IFormData form = request.CreateFormData();
        foreach ((string name, string value) in fields)
        {
            form.Append(name, value);
        }

        return form;
    }
}
