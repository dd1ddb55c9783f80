using System.Net;

namespace Registry.Tests.Api;

/// <summary>
/// A registry of its own holding exactly <see cref="RepositoriesInPushOrder"/>, shared by the catalog tests, which
/// only read it.
/// </summary>
public sealed class CatalogFixture : IAsyncLifetime
{
    public static readonly string[] RepositoriesInPushOrder = ["b", "a/x", "a", "a-b", "a.b", "a_b", "ab", "z/y/x", "0"];

    public RegistryApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        using HttpClient client = Factory.CreateRegistryClient();
        foreach (string repository in RepositoriesInPushOrder)
        {
            await client.PushImageAsync(repository, "v1");
        }
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary><c>GET /v2/_catalog</c> against a registry holding exactly the fixture's repositories.</summary>
public sealed class CatalogTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateRegistryClient();

    private static List<string> Sorted => [.. CatalogFixture.RepositoriesInPushOrder.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Catalog_ListsEveryRepositoryInLexicalOrder_WithoutLink()
    {
        Page page = await Pages.GetAsync(_client, "/v2/_catalog", "repositories");

        Assert.Equal(Sorted, page.Items);
        Assert.Null(page.Link);
    }

    [Fact]
    public async Task Catalog_WithN_ReturnsFirstNAndNextLink()
    {
        Page page = await Pages.GetAsync(_client, "/v2/_catalog?n=4", "repositories");

        Assert.Equal(Sorted[..4], page.Items);
        Assert.Equal($"</v2/_catalog?n=4&last={Uri.EscapeDataString(Sorted[3])}>; rel=\"next\"", page.Link);
    }

    [Fact]
    public async Task Catalog_WithLast_ReturnsRepositoriesAfterIt()
    {
        Page page = await Pages.GetAsync(_client, "/v2/_catalog?last=a.b", "repositories");

        Assert.Equal(Sorted.SkipWhile(name => name != "a.b").Skip(1).ToList(), page.Items);
    }

    [Fact]
    public async Task Catalog_WithLastContainingSlash_ReturnsRepositoriesAfterIt()
    {
        Page page = await Pages.GetAsync(_client, "/v2/_catalog?n=2&last=a%2Fx", "repositories");

        Assert.Equal(["a_b", "ab"], page.Items);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(50)]
    public async Task Catalog_FollowingLinks_VisitsEveryRepositoryExactlyOnceInOrder(int n)
    {
        List<Page> pages = await Pages.WalkAsync(_client, $"/v2/_catalog?n={n}", "repositories");

        Assert.Equal(Sorted, pages.SelectMany(p => p.Items).ToList());
        Assert.All(pages, p => Assert.InRange(p.Items.Count, 1, n));
        Assert.Null(pages[^1].Link);
    }

    [Fact]
    public async Task Catalog_WhenLastPageIsExactlyFull_HasNoLink()
    {
        List<Page> pages = await Pages.WalkAsync(_client, "/v2/_catalog?n=3", "repositories");

        Assert.Equal(3, pages.Count);
        Assert.NotNull(pages[1].Link);
        Assert.Null(pages[2].Link);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public async Task Catalog_WithInvalidN_Returns400PaginationNumberInvalid(string n)
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/_catalog?n={n}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
    }

    [Fact]
    public async Task Catalog_OfEmptyRegistry_ReturnsEmptyList()
    {
        await using var empty = new RegistryApiFactory();
        using HttpClient client = empty.CreateRegistryClient();

        Page page = await Pages.GetAsync(client, "/v2/_catalog", "repositories");

        Assert.Empty(page.Items);
        Assert.Null(page.Link);
    }
}
