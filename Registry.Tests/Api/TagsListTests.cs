using System.Net;

namespace Registry.Tests.Api;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list</c> with and without <c>n</c>/<c>last</c>.</summary>
public sealed class TagsListTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private static readonly string[] TagsInPushOrder = ["latest", "b", "a", "C", "1.0", "a_b", "a-b", "a.b", "Z9", "v10", "v2", "_x"];

    private readonly HttpClient _client = factory.CreateRegistryClient();

    /// <summary>One manifest tagged with every name in <see cref="TagsInPushOrder"/>.</summary>
    private async Task<string> RepositoryWithTagsAsync(IEnumerable<string>? tags = null)
    {
        string repository = Names.Unique("tags");
        PushedManifest image = await _client.PushImageAsync(repository);
        foreach (string tag in tags ?? TagsInPushOrder)
        {
            using HttpResponseMessage put = await _client.PutManifestAsync(repository, tag, image.Content, image.MediaType);
            await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        }

        return repository;
    }

    private static List<string> Sorted(IEnumerable<string> tags) => [.. tags.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ListTags_ReturnsNameAndEveryTagInLexicalOrder_WithoutLink()
    {
        string repository = await RepositoryWithTagsAsync();

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/tags/list");
        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list", "tags");
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(Sorted(TagsInPushOrder), page.Items);
        Assert.Null(page.Link);
        Assert.Contains($"\"name\":\"{repository}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTags_WithN_ReturnsFirstNAndNextLink()
    {
        string repository = await RepositoryWithTagsAsync();
        List<string> all = Sorted(TagsInPushOrder);

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?n=3", "tags");

        Assert.Equal(all[..3], page.Items);
        Assert.Equal($"</v2/{repository}/tags/list?n=3&last={Uri.EscapeDataString(all[2])}>; rel=\"next\"", page.Link);
    }

    [Fact]
    public async Task ListTags_WithLast_ReturnsTagsAfterIt()
    {
        string repository = await RepositoryWithTagsAsync();
        List<string> all = Sorted(TagsInPushOrder);

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?last={all[4]}", "tags");

        Assert.Equal(all[5..], page.Items);
        Assert.Null(page.Link);
    }

    [Fact]
    public async Task ListTags_WithNAndLast_ReturnsTheNextPage()
    {
        string repository = await RepositoryWithTagsAsync();
        List<string> all = Sorted(TagsInPushOrder);

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?n=2&last={all[3]}", "tags");

        Assert.Equal(all[4..6], page.Items);
        Assert.NotNull(page.Link);
    }

    [Fact]
    public async Task ListTags_WithLastNotATag_ReturnsTagsLexicallyAfterIt()
    {
        string repository = await RepositoryWithTagsAsync(["a", "c", "e"]);

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?last=b", "tags");

        Assert.Equal(["c", "e"], page.Items);
    }

    [Fact]
    public async Task ListTags_WithLastAfterEveryTag_ReturnsEmptyList()
    {
        string repository = await RepositoryWithTagsAsync(["a", "b"]);

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?last=zzz", "tags");

        Assert.Empty(page.Items);
        Assert.Null(page.Link);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task ListTags_FollowingLinks_VisitsEveryTagExactlyOnceInOrder(int n)
    {
        string repository = await RepositoryWithTagsAsync();

        List<Page> pages = await Pages.WalkAsync(_client, $"/v2/{repository}/tags/list?n={n}", "tags");

        Assert.Equal(Sorted(TagsInPushOrder), pages.SelectMany(p => p.Items).ToList());
        Assert.All(pages, p => Assert.InRange(p.Items.Count, 1, n));
        Assert.Null(pages[^1].Link);
    }

    [Fact]
    public async Task ListTags_WhenLastPageIsExactlyFull_HasNoLink()
    {
        string repository = await RepositoryWithTagsAsync(["a", "b", "c", "d"]);

        Page first = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?n=2", "tags");
        Page second = await Pages.GetAsync(_client, first.NextUrl!, "tags");

        Assert.Equal(["a", "b"], first.Items);
        Assert.NotNull(first.Link);
        Assert.Equal(["c", "d"], second.Items);
        Assert.Null(second.Link);
    }

    [Fact]
    public async Task ListTags_WithNLargerThanTagCount_ReturnsAllWithoutLink()
    {
        string repository = await RepositoryWithTagsAsync(["x", "y"]);

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?n=100", "tags");

        Assert.Equal(["x", "y"], page.Items);
        Assert.Null(page.Link);
    }

    [Fact]
    public async Task ListTags_AfterTagDeleted_NoLongerListsIt()
    {
        string repository = await RepositoryWithTagsAsync(["keep", "drop"]);

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{repository}/manifests/drop");
        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list", "tags");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(["keep"], page.Items);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("%20")]
    [InlineData("0x10")]
    public async Task ListTags_WithInvalidN_Returns400PaginationNumberInvalid(string n)
    {
        string repository = await RepositoryWithTagsAsync(["a"]);

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/tags/list?n={n}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
    }

    [Fact]
    public async Task ListTags_UnknownRepository_Returns404NameUnknown()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("tags")}/tags/list");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task ListTags_InvalidRepositoryName_Returns400NameInvalid()
    {
        using HttpResponseMessage response = await _client.GetAsync("/v2/Invalid/tags/list");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Fact]
    public async Task ListTags_NestedRepositoryName_Works()
    {
        string repository = $"{Names.Unique("tags")}/deeper/still";
        await _client.PushImageAsync(repository, "nested");

        Page page = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list", "tags");

        Assert.Equal(["nested"], page.Items);
    }
}
