using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Gc;
using Registry.Tests.Api;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.WebConsole;

/// <summary>
/// What the console answers for addresses and things that do not exist (404 with a page in its layout that links
/// home, never an empty body or a 200) and for a request that fails (a readable page, not the OCI error JSON).
/// </summary>
public sealed class ConsoleErrorPageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Home = "<a href=\"/ui\">Back to the overview</a>";
    private const string TopBar = "<header class=\"top\">";

    [Theory]
    [InlineData("/ui/no-such-page")]
    [InlineData("/ui/admin/no-such-page")]
    [InlineData("/ui/repository?name=team/no-such-repository")]
    [InlineData("/ui/tag?repository=team/no-such-repository&tag=1.0")]
    [InlineData("/ui/manifest?repository=team/no-such-repository&digest=sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/ui/retention/policy?id=no-such-policy")]
    public async Task UnknownPagesAndThings_Answer404_WithAPageInTheLayoutThatLinksHome(string path)
    {
        ConsoleClient console = await fixture.SignedInAsync("maintainer");

        (HttpStatusCode status, string html) = await console.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(TopBar, html);
        Assert.Contains(Home, html);
        Assert.Contains("class=\"panel missing\"", html);
        Assert.Contains("<h1>Not found</h1>", html);
    }

    [Fact]
    public async Task UnknownTagAndManifestOfAnExistingRepository_Answer404()
    {
        string repository = Names.Unique("team");
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        PushedManifest pushed = await admin.PushImageAsync(repository, "1.0.0");
        ConsoleClient console = await fixture.SignedInAsync("reader");

        (HttpStatusCode tag, string tagHtml) = await console.GetAsync($"/ui/tag?repository={repository}&tag=9.9.9");
        (HttpStatusCode manifest, _) = await console.GetAsync($"/ui/manifest?repository={repository}&digest=sha256:{new string('1', 64)}");
        (HttpStatusCode known, _) = await console.GetAsync($"/ui/tag?repository={repository}&tag=1.0.0");
        (HttpStatusCode knownManifest, _) = await console.GetAsync($"/ui/manifest?repository={repository}&digest={pushed.Digest}");

        Assert.Equal(HttpStatusCode.NotFound, tag);
        Assert.Contains("Nothing to show at /ui/tag?repository=", tagHtml);
        Assert.Equal(HttpStatusCode.NotFound, manifest);
        Assert.Equal(HttpStatusCode.OK, known);
        Assert.Equal(HttpStatusCode.OK, knownManifest);
    }

    [Fact]
    public async Task ARepositoryTheReaderMayNotPull_Answers404LikeAMissingOne()
    {
        string repository = Names.Unique("other");
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        await admin.PushImageAsync(repository, "1.0.0");
        ConsoleClient console = await fixture.SignedInAsync("reader");

        (HttpStatusCode status, string html) = await console.GetAsync($"/ui/repository?name={repository}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(Home, html);
    }

    [Fact]
    public async Task AFormActingOnSomethingThatDoesNotExist_Answers404_WithAPageThatSaysWhatWasMissing()
    {
        ConsoleClient console = await fixture.SignedInAsync("admin");

        (HttpStatusCode status, string html) = await console.SubmitAsync("/ui/admin/users", "grant-role",
            ("user", "no-such-user"), ("role", "reader"), ("kind", "namespace"), ("scope", "team"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(TopBar, html);
        Assert.Contains(Home, html);
        Assert.Contains("No user &#x27;no-such-user&#x27;.", html);
    }

    [Fact]
    public async Task AnUnknownPage_WithoutASession_Answers404()
    {
        (HttpStatusCode status, string html) = await fixture.NewConsole().GetAsync("/ui/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(Home, html);
    }
}

/// <summary>A console page whose store fails: the answer is a readable page with the request id, not OCI error JSON.</summary>
public sealed class ConsoleFailurePageTests(ConsoleFailurePageTests.Registry registry) : IClassFixture<ConsoleFailurePageTests.Registry>
{
    /// <summary>A registry whose <see cref="IGcStore"/> fails every call (the overview reads the collection queue).</summary>
    public sealed class Registry() : AuthRegistry(new Dictionary<string, string>(), services =>
        services.AddSingleton(_ => DispatchProxy.Create<IGcStore, FailingGcStore>()));

    public class FailingGcStore : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            => throw new InvalidOperationException("the test's garbage collection store is down");
    }

    [Fact]
    public async Task AFailingPage_AnswersAReadable500InTheConsolesLook()
    {
        var console = new ConsoleClient(registry.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        Assert.Equal(HttpStatusCode.Redirect, await console.SignInAsync("admin", RegistryApiFactory.AdminPassword));

        using HttpResponseMessage response = await console.Http.GetAsync("/ui");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", html);
        Assert.Contains("<header class=\"top\">", html);
        Assert.Contains("Back to the overview", html);
        Assert.DoesNotContain("\"errors\"", html);
        Assert.DoesNotContain("garbage collection store is down", html);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
