using System.Net;
using Microsoft.AspNetCore.Hosting;
using Registry.Tests.Api;

namespace Registry.Tests.WebConsole;

/// <summary>Signing in and out of the console, and how its session cookie stays out of the registry's own authentication.</summary>
public sealed class ConsoleSessionTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Overview_WithoutSession_RedirectsToSignInWithReturnUrl()
    {
        using HttpResponseMessage response = await fixture.NewConsole().Http.GetAsync("/ui/repositories?q=api");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/ui/login?returnUrl=%2Fui%2Frepositories%3Fq%3Dapi", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_IsRefusedWithoutSession()
    {
        ConsoleClient console = fixture.NewConsole();

        Assert.Equal(HttpStatusCode.Unauthorized, await console.SignInAsync("maintainer", "wrong-password-123"));
        Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/ui")).Status);
    }

    [Fact]
    public async Task SignIn_SetsAnHttpOnlySameSiteCookieScopedToTheConsole()
    {
        ConsoleClient console = fixture.NewConsole();
        (_, string page) = await console.GetAsync("/ui/login");

        using HttpResponseMessage response = await console.PostAsync("/ui/login", "login", ConsoleClient.AntiforgeryToken(page),
            [("username", "reader"), ("password", ConsoleFixture.Password)]);

        string cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("registry_console=", StringComparison.Ordinal));
        Assert.Contains("path=/ui", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        (HttpStatusCode status, string overview) = await console.GetAsync("/ui");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("reader", overview);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        ConsoleClient console = fixture.NewConsole();
        await console.GetAsync("/ui/login");

        using HttpResponseMessage response = await console.PostAsync("/ui/login", "login", null, [("username", "admin"), ("password", RegistryApiFactory.AdminPassword)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/ui")).Status);
    }

    [Fact]
    public async Task SignIn_RedirectsOnlyInsideTheConsole()
    {
        ConsoleClient console = fixture.NewConsole();
        (_, string page) = await console.GetAsync("/ui/login");

        using HttpResponseMessage response = await console.PostAsync("/ui/login?returnUrl=https%3A%2F%2Fevil.example%2F", "login",
            ConsoleClient.AntiforgeryToken(page), [("username", "reader"), ("password", ConsoleFixture.Password)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui", response.Headers.Location!.AbsolutePath);
        Assert.Equal("localhost", response.Headers.Location.Host);
    }

    [Fact]
    public async Task ConsoleCookie_DoesNotAuthenticateTheManagementApiOrTheRegistry()
    {
        ConsoleClient console = await fixture.SignedInAsync("admin");

        using HttpResponseMessage users = await console.Http.GetAsync("/api/v1/users");
        using HttpResponseMessage catalog = await console.Http.GetAsync("/v2/_catalog");

        Assert.Equal(HttpStatusCode.Unauthorized, users.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, catalog.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndNeedsTheAntiforgeryToken()
    {
        ConsoleClient console = await fixture.SignedInAsync("reader");
        using HttpResponseMessage forged = await console.PostAsync("/ui/logout", "", null, []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/ui")).Status);

        (_, string page) = await console.GetAsync("/ui");
        using HttpResponseMessage response = await console.PostAsync("/ui/logout", "", ConsoleClient.AntiforgeryToken(page), []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/ui")).Status);
    }

    [Fact]
    public async Task DisablingTheAccount_EndsItsConsoleSession()
    {
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        await new ManagementClient(admin).CreateUserAsync("short-lived", ConsoleFixture.Password, CancellationToken.None);
        ConsoleClient console = fixture.NewConsole();
        Assert.Equal(HttpStatusCode.Redirect, await console.SignInAsync("short-lived", ConsoleFixture.Password));
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/ui")).Status);

        using HttpResponseMessage disabled = await admin.PatchAsync("/api/v1/users/short-lived",
            new StringContent("{\"disabled\":true}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/ui")).Status);
    }

    [Fact]
    public async Task Assets_AreServedWithAStrongETag_AndPagesForbidFraming()
    {
        ConsoleClient console = fixture.NewConsole();
        (_, string page) = await console.GetAsync("/ui/login");
        string css = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/ui/assets/console.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        using HttpResponseMessage asset = await console.Http.GetAsync(css);
        using HttpResponseMessage login = await console.Http.GetAsync("/ui/login");

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/css", asset.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(asset.Headers.ETag);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Session_IsAcceptedByAnotherNodeSharingTheMetadataStore()
    {
        ConsoleClient console = fixture.NewConsole();
        (_, string page) = await console.GetAsync("/ui/login");
        using HttpResponseMessage signIn = await console.PostAsync("/ui/login", "login", ConsoleClient.AntiforgeryToken(page),
            [("username", "reader"), ("password", ConsoleFixture.Password)]);
        string cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("registry_console=", StringComparison.Ordinal)).Split(';')[0];

        // A second host over the same data directory and database: another node, or this one after a restart.
        using var otherNode = fixture.Factory.WithWebHostBuilder(_ => { });
        using HttpClient other = otherNode.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui");
        request.Headers.Add("Cookie", cookie);
        using HttpResponseMessage overview = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("reader", await overview.Content.ReadAsStringAsync());
        var keys = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Registry.Core.Access.IDataProtectionKeyStore>(fixture.Factory.Services);
        Assert.Contains(await keys.ListDataProtectionKeysAsync(CancellationToken.None), k => k.Xml.Contains("<key ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAuthenticationOff_EveryoneIsAnAdministrator_WithoutSigningIn()
    {
        using var open = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Registry:Auth:Enabled", "false"));
        using HttpClient browser = open.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using HttpResponseMessage users = await browser.GetAsync("/ui/admin/users");
        string html = await users.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("Users and roles", html);
        Assert.DoesNotContain("notice error", html);
        Assert.DoesNotContain("Sign out", html);
    }

    [Fact]
    public async Task ChangingYourPassword_KeepsThisSession_AndEndsTheOthers()
    {
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        await new ManagementClient(admin).CreateUserAsync("changer", ConsoleFixture.Password, CancellationToken.None);
        ConsoleClient here = fixture.NewConsole();
        ConsoleClient elsewhere = fixture.NewConsole();
        Assert.Equal(HttpStatusCode.Redirect, await here.SignInAsync("changer", ConsoleFixture.Password));
        Assert.Equal(HttpStatusCode.Redirect, await elsewhere.SignInAsync("changer", ConsoleFixture.Password));

        (HttpStatusCode wrong, _) = await here.SubmitAsync("/ui/account", "change-password", ("current", "not-the-password"), ("password", "a-new-password-1"));
        (HttpStatusCode changed, string page) = await here.SubmitAsync("/ui/account", "change-password", ("current", ConsoleFixture.Password), ("password", "a-new-password-1"));

        Assert.Equal(HttpStatusCode.Forbidden, wrong);
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Contains("Your password is changed.", page);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/ui")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/ui")).Status);
        Assert.Equal(HttpStatusCode.Redirect, await fixture.NewConsole().SignInAsync("changer", "a-new-password-1"));
    }
}
