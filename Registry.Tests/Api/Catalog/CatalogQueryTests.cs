using System.Net;

namespace Registry.Tests.Api.Catalog;

/// <summary>The catalog's filters (namespace, repository, tag glob), its pages and its answers to bad queries.</summary>
public sealed class CatalogQueryTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    /// <summary>Tags in a fresh namespace <c>ns</c>: ns/app, ns/base/java, ns/base/tomcat, and a neighbour namespace ns-x.</summary>
    private async Task<string> SetUpAsync()
    {
        string ns = Auth.AuthRegistry.UniqueName("q");
        foreach ((string repository, string tag) in new[]
        {
            ("app", "1.0"), ("app", "latest"), ("base/java", "17"), ("base/java", "17.0.12"), ("base/java", "21.0.4"),
            ("base/tomcat", "10.1"),
        })
        {
            await _client.PushImageAsync($"{ns}/{repository}", tag);
        }

        await _client.PushImageAsync($"{ns}-x/app", "1.0");
        return ns;
    }

    [Fact]
    public async Task NamespaceFilter_IsARepositoryPathPrefix()
    {
        string ns = await SetUpAsync();

        Assert.Equal(
            [$"{ns}/app:1.0", $"{ns}/app:latest", $"{ns}/base/java:17", $"{ns}/base/java:17.0.12", $"{ns}/base/java:21.0.4", $"{ns}/base/tomcat:10.1"],
            (await CatalogApi.ListAsync(_client, $"namespace={ns}")).Names);
        Assert.Equal([$"{ns}/base/tomcat:10.1"], (await CatalogApi.ListAsync(_client, $"namespace={ns}/base/tomcat")).Names);
        Assert.Equal(4, (await CatalogApi.ListAsync(_client, $"namespace={ns}/base")).Names.Count);
    }

    [Fact]
    public async Task RepositoryAndTagFilters_CombineWithTheNamespace()
    {
        string ns = await SetUpAsync();

        Assert.Equal([$"{ns}/base/java:17", $"{ns}/base/java:17.0.12"], (await CatalogApi.ListAsync(_client, $"repository={ns}/base/java&tag=17*")).Names);
        Assert.Equal([$"{ns}/base/java:17.0.12", $"{ns}/base/java:21.0.4"], (await CatalogApi.ListAsync(_client, $"namespace={ns}&tag=*.?.*")).Names);
        Assert.Equal([$"{ns}/base/java:17.0.12", $"{ns}/base/tomcat:10.1"], (await CatalogApi.ListAsync(_client, $"namespace={ns}&tag=1?.*")).Names);
        Assert.Empty((await CatalogApi.ListAsync(_client, $"namespace={ns}&repository={ns}-x/app")).Names);
    }

    [Fact]
    public async Task Pages_FollowTheLinkHeader_WithTheFilters_AndEveryPageCarriesTheWalksChangeCursor()
    {
        string ns = await SetUpAsync();

        List<CatalogResponse> pages = await CatalogApi.WalkAsync(_client, $"namespace={ns}&tag=*.*&n=3");

        Assert.Equal([3, 1], pages.Select(p => p.Names.Count));
        Assert.Equal([$"{ns}/app:1.0", $"{ns}/base/java:17.0.12", $"{ns}/base/java:21.0.4", $"{ns}/base/tomcat:10.1"], pages.SelectMany(p => p.Names));
        Assert.Single(pages.Select(p => p.Cursor).Distinct());
        Assert.Contains($"namespace={ns}", pages[0].NextUrl);
        Assert.Contains("tag=%2A.%2A", pages[0].NextUrl);
        Assert.Contains("n=3", pages[0].NextUrl);
        Assert.Equal(pages[0].Next, System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + pages[0].NextUrl).Query)["cursor"]);
        Assert.Null(pages[^1].Next);
        Assert.Null(pages[^1].NextUrl);
    }

    [Theory]
    [InlineData("n=abc")]
    [InlineData("n=0")]
    [InlineData("tag=a[b")]
    [InlineData("tag=a%2Fb")]
    [InlineData("namespace=Team")]
    [InlineData("repository=a//b")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("since=bm90LWEtY3Vyc29y")]
    [InlineData("since=YzE6MQ&cursor=cDE6MDphOmI")]
    public async Task BadQuery_Returns400InvalidRequestProblem(string query)
    {
        CatalogResponse response = await CatalogApi.GetAsync(_client, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request", response.Body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Anonymous_Returns401()
    {
        CatalogResponse response = await CatalogApi.GetAsync(factory.CreateAnonymousClient());

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }
}
