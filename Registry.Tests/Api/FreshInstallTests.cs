using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Management;
using Registry.Tests.WebConsole;
using Xunit.Abstractions;

namespace Registry.Tests.Api;

/// <summary>
/// A fresh install (on SQLite, or PostgreSQL and S3 with <see cref="ApiBackend.IsPostgresS3"/>): no repository, no
/// push, no policy, no webhook, only the bootstrap admin and the fixture's two users with roles on the empty namespace
/// <c>team</c>. Every <c>GET /api/v1/...</c> endpoint and every console page is found from the app's endpoint data
/// sources (the repository sub-routes from the <see cref="RepositoryRoutes"/> on their endpoint), so a new one is
/// covered without editing this file, and each must answer 200 with empty content, or the 404 listed for it (a console page about one repository, tag, manifest or
/// policy answers 404 with the not-found page).
/// </summary>
public sealed partial class FreshInstallTests(ConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<ConsoleFixture>
{
    private const string Repository = "team/app";
    private const string Tag = "latest";
    private const string MissingDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
    private const string MissingId = "999999";
    private const string NoMatch = "matches-nothing-zzz";

    /// <summary>A GET endpoint that needs route values or a query: the URL it is called with and what it must answer.</summary>
    private sealed record Call(string Url, HttpStatusCode Status, string Reason);

    private static readonly IReadOnlyDictionary<string, Call> Calls = new Dictionary<string, Call>(StringComparer.Ordinal)
    {
        ["/api/v1/users/{name}"] = new("/api/v1/users/admin", HttpStatusCode.OK, "the bootstrap admin exists on every install"),
        ["/api/v1/users/{name}/roles"] = new("/api/v1/users/reader/roles", HttpStatusCode.OK, "the fixture's reader (one role on team)"),
        ["/api/v1/tokens/{id}"] = new($"/api/v1/tokens/{MissingId}", HttpStatusCode.NotFound, "no CI token exists"),
        ["/api/v1/webhooks/{id}"] = new($"/api/v1/webhooks/{MissingId}", HttpStatusCode.NotFound, "no webhook exists"),
        ["/api/v1/webhooks/{id}/deliveries"] = new($"/api/v1/webhooks/{MissingId}/deliveries", HttpStatusCode.NotFound, "no webhook exists"),
        ["/api/v1/replication/rules/{name}"] = new("/api/v1/replication/rules/missing", HttpStatusCode.NotFound, "no replication rule exists"),
        ["/api/v1/replication/rules/{name}/runs"] = new("/api/v1/replication/rules/missing/runs", HttpStatusCode.NotFound, "no replication rule exists"),
        ["/api/v1/preheat/edges/{name}"] = new("/api/v1/preheat/edges/missing", HttpStatusCode.NotFound, "no preheat edge exists"),
        ["/api/v1/protection-rules/{id}"] = new($"/api/v1/protection-rules/{MissingId}", HttpStatusCode.NotFound, "no protection rule exists"),
        ["/api/v1/retention/policies/{policy}"] = new("/api/v1/retention/policies/missing", HttpStatusCode.NotFound, "no retention policy exists"),
        ["/api/v1/retention/runs/{id}"] = new($"/api/v1/retention/runs/{MissingId}", HttpStatusCode.NotFound, "no retention run exists"),
        ["/api/v1/artifact-repositories/{key}"] = new("/api/v1/artifact-repositories/missing", HttpStatusCode.NotFound, "no artifact repository exists"),
        ["/api/v1/artifact-repositories/{key}/retention"] = new("/api/v1/artifact-repositories/missing/retention", HttpStatusCode.NotFound, "no artifact repository exists"),
        ["/api/v1/artifact-repositories/{key}/retention/runs"] = new("/api/v1/artifact-repositories/missing/retention/runs", HttpStatusCode.NotFound, "no artifact repository exists"),
        ["/api/v1/artifact-repositories/{key}/retention/runs/{id}"] = new($"/api/v1/artifact-repositories/missing/retention/runs/{MissingId}", HttpStatusCode.NotFound, "no artifact repository exists"),
        ["/api/v1/lineage"] = new($"/api/v1/lineage?base={Repository}:{Tag}", HttpStatusCode.NotFound, "base is required, and no tag was ever pushed"),
        ["/api/v1/repositories/{repository}/tags"] = new($"/api/v1/repositories/{Repository}/tags", HttpStatusCode.OK, "the tags of a name nothing was pushed to are an empty list"),
        ["/api/v1/repositories/{repository}/tags/{tag}/history"] = new($"/api/v1/repositories/{Repository}/tags/{Tag}/history", HttpStatusCode.NotFound, "no repository exists"),
        ["/api/v1/repositories/{repository}/settings"] = new($"/api/v1/repositories/{Repository}/settings", HttpStatusCode.OK, "settings of a name nothing was pushed to are the defaults"),
        ["/api/v1/repositories/{repository}/usage"] = new($"/api/v1/repositories/{Repository}/usage", HttpStatusCode.OK, "a name nothing was pushed to uses nothing"),
        ["/api/v1/repositories/{repository}/manifests/{digest}/base"] = new($"/api/v1/repositories/{Repository}/manifests/{MissingDigest}/base", HttpStatusCode.OK, "base is null: no base repository holds a prefix of it (docs/lineage.md)"),
    };

    /// <summary>
    /// Answers that hold something on a fresh install, and why; every other 200 must hold only empty arrays, zero
    /// counts and sizes, nulls, and settings.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> NotEmpty = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/api/v1/me"] = "the caller itself",
        ["/api/v1/users"] = "the bootstrap admin and the fixture's users",
        ["/api/v1/users/{name}"] = "the bootstrap admin",
        ["/api/v1/users/{name}/roles"] = "the role the fixture granted",
        ["/api/v1/audit"] = "the fixture's user and role changes and sign-ins are audited",
        ["/api/v1/auth/keys"] = "the token signing key made at start-up",
        ["/api/v1/gc"] = "the scheduled pass that runs at start-up (Registry:Gc interval) records a run",
        ["/api/v1/docs"] = "the API reference page (HTML)",
        ["/api/v1/openapi.json"] = "the OpenAPI document",
    };

    /// <summary>Properties that are settings or clocks, not content: they may be non-zero on a fresh install.</summary>
    private static readonly HashSet<string> SettingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "cursor", "etag", "interval", "intervalSeconds", "delay", "delaySeconds", "enabled", "running", "now",
    };

    /// <summary>Every GET route under <c>/api/v1</c> with its endpoint's pattern (repository sub-routes included).</summary>
    private IReadOnlyList<string> ApiGetRoutes()
    {
        var routes = new List<string>();
        foreach (RouteEndpoint endpoint in Endpoints())
        {
            string pattern = Pattern(endpoint);
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal) || !Allows(endpoint, HttpMethods.Get))
            {
                continue;
            }

            if (endpoint.Metadata.GetMetadata<RepositoryRoutes>() is { } repositoryRoutes)
            {
                routes.AddRange(repositoryRoutes.Patterns.Where(r => r.Method == HttpMethods.Get)
                    .Select(r => "/api/v1/repositories/{repository}" + (r.Suffix.Length == 0 ? string.Empty : "/" + r.Suffix)));
            }
            else
            {
                routes.Add(pattern);
            }
        }

        return [.. routes.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every console page (a Razor component endpoint), as its route.</summary>
    private IReadOnlyList<string> ConsolePages()
        => [.. Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).Select(Pattern)
            .Where(p => p != NotFoundPage).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The catch-all console page: every other address under /ui answers 404 with it.</summary>
    private const string NotFoundPage = "/ui/{*Rest}";

    /// <summary>The pages about one repository, tag, manifest, policy or replication rule: on a fresh install there is none, so 404.</summary>
    private static readonly HashSet<string> PagesAboutAThing = ["/ui/repository", "/ui/repository/untagged", "/ui/repository/delete", "/ui/tag", "/ui/manifest", "/ui/retention/policy", "/ui/admin/replication/runs"];

    private IEnumerable<RouteEndpoint> Endpoints()
        => fixture.Factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>();

    private static string Pattern(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.Trim('/');

    private static bool Allows(RouteEndpoint endpoint, string method)
        => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods && methods.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task EveryApiList_AnswersOkAndEmpty_OnAFreshInstall()
    {
        IReadOnlyList<string> routes = ApiGetRoutes();
        Assert.Contains("/api/v1/usage", routes);
        Assert.Contains("/api/v1/repositories/{repository}/tags", routes);
        Assert.All(Calls.Keys, route => Assert.Contains(route, routes));
        using HttpClient admin = fixture.Factory.CreateRegistryClient();
        var failures = new List<string>();
        foreach (string route in routes)
        {
            Call call = Calls.TryGetValue(route, out Call? listed) ? listed
                : route.Contains('{') ? new Call(route, 0, "a route with parameters that this test does not know: add it to Calls")
                : new Call(route, HttpStatusCode.OK, "a list");
            if (call.Status == 0)
            {
                failures.Add($"{route}: {call.Reason}");
                continue;
            }

            using HttpResponseMessage response = await admin.GetAsync(call.Url);
            string body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{(int)response.StatusCode} GET {call.Url} {Shorten(body)}");
            if (response.StatusCode != call.Status)
            {
                failures.Add($"GET {call.Url} answered {(int)response.StatusCode}, not {(int)call.Status} ({call.Reason}): {Shorten(body)}");
            }
            else if (call.Status == HttpStatusCode.OK && !NotEmpty.ContainsKey(route))
            {
                failures.AddRange(Content(JsonDocument.Parse(body).RootElement, "$").Select(c => $"GET {call.Url} holds {c}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryApiList_ForAReaderOfAnEmptyNamespace_AnswersOkAndEmptyOrDenied()
    {
        using HttpClient reader = fixture.Factory.CreateClientFor("reader", ConsoleFixture.Password);
        var failures = new List<string>();
        foreach (string route in ApiGetRoutes())
        {
            Call call = Calls.TryGetValue(route, out Call? listed) ? listed : new Call(route, HttpStatusCode.OK, "a list");
            using HttpResponseMessage response = await reader.GetAsync(call.Url);
            string body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{(int)response.StatusCode} GET {call.Url} {Shorten(body)}");
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                continue;
            }

            if (response.StatusCode != call.Status)
            {
                failures.Add($"GET {call.Url} answered {(int)response.StatusCode}, not {(int)call.Status} or 403 ({call.Reason}): {Shorten(body)}");
            }
            else if (call.Status == HttpStatusCode.OK && !NotEmpty.ContainsKey(route))
            {
                failures.AddRange(Content(JsonDocument.Parse(body).RootElement, "$").Select(c => $"GET {call.Url} holds {c}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryConsolePage_AnswersOkWithoutError_ForTheAdmin()
    {
        ConsoleClient admin = await fixture.SignedInAsync("admin");

        List<string> failures = await VisitAsync(admin, ConsolePages().Where(p => p != "/ui/login"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryConsolePageAReaderSees_AnswersOkWithoutError()
    {
        ConsoleClient reader = await fixture.SignedInAsync("reader");

        List<string> failures = await VisitAsync(reader, ConsolePages().Where(p => p != "/ui/login" && !p.StartsWith("/ui/admin/", StringComparison.Ordinal)));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task AdminPages_ForAReader_SayTheyAreForAdminsWithoutFailing()
    {
        ConsoleClient reader = await fixture.SignedInAsync("reader");

        foreach (string page in ConsolePages().Where(p => p.StartsWith("/ui/admin/", StringComparison.Ordinal)))
        {
            (HttpStatusCode status, string html) = await reader.GetAsync(page);
            Assert.True(status == HttpStatusCode.OK, $"GET {page} as reader answered {(int)status}");
            Assert.Contains("admin", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SignInPage_AnswersOk_WithoutSession()
    {
        (HttpStatusCode status, string html) = await fixture.NewConsole().GetAsync("/ui/login");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(ErrorMarkup(html));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("reader")]
    public async Task RepositoriesPage_AndASearchThatMatchesNothing_ShowNoRepositories(string user)
    {
        ConsoleClient console = await fixture.SignedInAsync(user);

        foreach (string page in new[] { "/ui/repositories", $"/ui/repositories?q={NoMatch}", "/ui/repositories?ns=team", $"/ui/repositories?q={NoMatch}&ns=team" })
        {
            using HttpResponseMessage response = await console.Http.GetAsync(page);
            HttpStatusCode status = response.StatusCode;
            string html = await response.Content.ReadAsStringAsync();

            Assert.True(status == HttpStatusCode.OK, $"GET {page} as {user} answered {(int)status} {response.Headers.Location}");
            Assert.Null(ErrorMarkup(html));
            Assert.DoesNotContain("/ui/repository?name=", html);
            Assert.Contains("No repositories", html);
        }
    }

    [Theory]
    [InlineData("admin", "/ui/artifacts?repository=missing&path=a/b")]
    [InlineData("admin", "/ui/admin/audit?actor=nobody&action=user.create&target=x&outcome=failure&before=5")]
    [InlineData("admin", "/ui/admin/webhooks?id=999999&status=failed&before=5")]
    [InlineData("admin", "/ui/gc")]
    [InlineData("reader", "/ui/repositories?ns=team&after=team/a")]
    [InlineData("reader", "/ui/artifacts?repository=missing")]
    public async Task ConsolePagesWithFilters_AnswerOkWithoutError(string user, string url)
    {
        ConsoleClient console = await fixture.SignedInAsync(user);

        (HttpStatusCode status, string html) = await console.GetAsync(url);

        Assert.True(status == HttpStatusCode.OK, $"GET {url} as {user} answered {(int)status}: {Shorten(html)}");
        Assert.Null(ErrorMarkup(html));
    }

    [Theory]
    [InlineData("admin", "/ui/repository?name=team/app&sort=name&order=desc&filter=1.2&after=v1")]
    [InlineData("admin", "/ui/repository?name=team")]
    [InlineData("admin", "/ui/tag?repository=team/app&tag=latest&before=5")]
    [InlineData("reader", "/ui/repository?name=team/app&sort=pushed&order=asc")]
    public async Task ConsolePagesOfAMissingRepository_WithFilters_Answer404WithThePageThatLinksHome(string user, string url)
    {
        ConsoleClient console = await fixture.SignedInAsync(user);

        (HttpStatusCode status, string html) = await console.GetAsync(url);

        Assert.True(status == HttpStatusCode.NotFound, $"GET {url} as {user} answered {(int)status}: {Shorten(html)}");
        Assert.Contains("Back to the overview", html);
        Assert.Null(ErrorMarkup(html));
    }

    [Fact]
    public async Task ApiSearchesThatMatchNothing_AnswerEmptyLists()
    {
        using HttpClient admin = fixture.Factory.CreateRegistryClient();

        foreach (string url in new[]
        {
            $"/api/v1/repositories?namespace={NoMatch}", $"/api/v1/catalog?namespace={NoMatch}", $"/api/v1/catalog?repository={Repository}",
            "/api/v1/catalog?tag=v*", "/api/v1/catalog?n=1", $"/api/v1/audit?actor={NoMatch}", "/api/v1/audit?success=false&since=2020-01-01T00:00:00Z",
            "/api/v1/retention/runs?limit=1&before=5", $"/api/v1/repositories/{Repository}/tags?sort=semver&order=desc",
        })
        {
            using HttpResponseMessage response = await admin.GetAsync(url);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
            Assert.Empty(Content(JsonDocument.Parse(body).RootElement, "$"));
        }
    }

    [Fact]
    public async Task Usage_BeforeAnyPush_IsZeroEverywhere()
    {
        using HttpClient admin = fixture.Factory.CreateRegistryClient();

        using HttpResponseMessage all = await admin.GetAsync("/api/v1/usage");
        using HttpResponseMessage team = await admin.GetAsync("/api/v1/usage?namespace=team");
        using HttpResponseMessage repository = await admin.GetAsync($"/api/v1/repositories/{Repository}/usage");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repository.StatusCode);
        JsonElement everything = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement;
        Assert.Empty(everything.GetProperty("namespaces").EnumerateArray());
        JsonElement named = Assert.Single(JsonDocument.Parse(await team.Content.ReadAsStringAsync()).RootElement.GetProperty("namespaces").EnumerateArray());
        Assert.Equal("team", named.GetProperty("name").GetString());
        Assert.Equal(0, named.GetProperty("bytes").GetInt64());
        Assert.Empty(named.GetProperty("repositories").EnumerateArray());
        JsonElement one = JsonDocument.Parse(await repository.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, one.GetProperty("bytes").GetInt64());
        Assert.Equal(0, one.GetProperty("blobs").GetInt64());
    }

    /// <summary>Visits each page (filling the query a page needs with a name that does not exist); what failed.</summary>
    private async Task<List<string>> VisitAsync(ConsoleClient console, IEnumerable<string> pages)
    {
        var failures = new List<string>();
        int visited = 0;
        foreach (string page in pages)
        {
            string url = page switch
            {
                "/ui/repository" or "/ui/repository/untagged" or "/ui/repository/delete" => $"{page}?name={Repository}",
                "/ui/tag" => $"{page}?repository={Repository}&tag={Tag}",
                "/ui/manifest" => $"{page}?repository={Repository}&digest={MissingDigest}",
                "/ui/retention/policy" => $"{page}?id=missing",
                "/ui/admin/replication/runs" => $"{page}?rule=missing",
                _ => page,
            };
            (HttpStatusCode status, string html) = await console.GetAsync(url);
            visited++;
            output.WriteLine($"{(int)status} GET {url}");
            HttpStatusCode expected = PagesAboutAThing.Contains(page) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            if (status != expected)
            {
                failures.Add($"GET {url} answered {(int)status}, not {(int)expected}: {Shorten(html)}");
            }
            else if (expected == HttpStatusCode.NotFound && !html.Contains("Back to the overview", StringComparison.Ordinal))
            {
                failures.Add($"GET {url} answered 404 without the page that links home: {Shorten(html)}");
            }
            else if (ErrorMarkup(html) is { } error)
            {
                failures.Add($"GET {url} shows an error: {error}");
            }
        }

        Assert.True(visited >= 10, $"only {visited} console pages were found");
        return failures;
    }

    /// <summary>The first error the page shows (an error notice or an alert), or null.</summary>
    private static string? ErrorMarkup(string html)
        => ErrorPattern().Match(html) is { Success: true } match ? match.Value : null;

    [GeneratedRegex("<[^>]*(class=\"notice error\"|role=\"alert\")[^>]*>[^<]*")]
    private static partial Regex ErrorPattern();

    /// <summary>What a JSON answer holds beyond emptiness: non-empty arrays, non-zero numbers, true flags (settings aside).</summary>
    private static IEnumerable<string> Content(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                if (element.GetArrayLength() > 0)
                {
                    yield return $"{path}: {Shorten(element.GetRawText())}";
                }

                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (SettingNames.Contains(property.Name))
                    {
                        continue;
                    }

                    foreach (string found in Content(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.Number when element.GetDecimal() != 0:
                yield return $"{path}: {element.GetRawText()}";
                break;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
