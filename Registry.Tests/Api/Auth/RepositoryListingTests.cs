using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// Listings show a signed-in caller only the repositories they may pull — the distribution catalog (also page by
/// page) and the management API's repository list — and anonymous callers cannot list at all.
/// </summary>
public sealed class RepositoryListingTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    /// <summary>Repositories in three namespaces; the user reads all of the first, one of the second, none of the third.</summary>
    private async Task<(string User, string[] Visible, string[] Hidden)> SetUpAsync()
    {
        string readable = AuthRegistry.UniqueName("a");
        string partly = AuthRegistry.UniqueName("b");
        string closed = AuthRegistry.UniqueName("c");
        string[] visible = [readable + "/one", readable + "/three", readable + "/two", partly + "/granted"];
        string[] hidden = [partly + "/other", closed + "/one", closed + "/two"];
        foreach (string repository in visible.Concat(hidden))
        {
            await registry.PushImageAsync(repository, "v1");
        }

        string user = await registry.CreateUserAsync(("namespace", readable, "reader"), ("repository", partly + "/granted", "reader"));
        return (user, visible, hidden);
    }

    [Fact]
    public async Task Catalog_PageByPage_ListsExactlyTheRepositoriesTheCallerMayPull()
    {
        (string user, string[] visible, string[] hidden) = await SetUpAsync();
        using HttpClient client = await registry.BearerForAsync(user, AuthRegistry.Password, "registry:catalog:*");

        List<Page> pages = await Pages.WalkAsync(client, "/v2/_catalog?n=1", "repositories");

        Assert.All(pages, p => Assert.True(p.Items.Count <= 1));
        List<string> listed = [.. pages.SelectMany(p => p.Items)];
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Equal(visible.Order(StringComparer.Ordinal), listed);
        Assert.DoesNotContain(listed, hidden.Contains);
    }

    [Fact]
    public async Task Catalog_WithATokenWithoutTheCatalogScope_Returns401InsufficientScope()
    {
        (string user, _, _) = await SetUpAsync();
        using HttpClient client = await registry.BearerForAsync(user, AuthRegistry.Password, "repository:x/y:pull");

        using HttpResponseMessage response = await client.GetAsync("/v2/_catalog");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("scope=\"registry:catalog:*\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Catalog_Anonymous_Returns401WithTheCatalogScope()
    {
        using HttpResponseMessage response = await registry.Anonymous().GetAsync("/v2/_catalog");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("scope=\"registry:catalog:*\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ManagementRepositoryList_ShowsOnlyPullableRepositories_AlsoFilteredByNamespace()
    {
        (string user, string[] visible, string[] hidden) = await SetUpAsync();
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);
        string readable = visible[0].Split('/')[0];
        string closed = hidden[^1].Split('/')[0];

        List<string> all = await ListAsync(client, "/api/v1/repositories?n=1000");
        List<string> inReadable = await ListAsync(client, $"/api/v1/repositories?namespace={readable}");
        List<string> inClosed = await ListAsync(client, $"/api/v1/repositories?namespace={closed}");

        Assert.Equal(visible.Order(StringComparer.Ordinal), all);
        Assert.Equal(visible.Where(v => v.StartsWith(readable + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), inReadable);
        Assert.Empty(inClosed);
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string url)
    {
        using HttpResponseMessage response = await client.GetAsync(url);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()!)];
    }
}
