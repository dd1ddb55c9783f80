using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Catalog;

namespace Registry.Tests.Api.Catalog;

/// <summary>The catalog's ETag: If-None-Match answers 304 until something in the view changes.</summary>
public sealed class CatalogETagTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    private async Task AssertNotModifiedAsync(string query, string etag)
    {
        CatalogResponse response = await CatalogApi.GetAsync(_client, query, etag);
        Assert.True(response.Status == HttpStatusCode.NotModified, $"expected 304, got {(int)response.Status}: {response.Body}");
        Assert.Equal(etag, response.ETag);
    }

    private async Task<string> AssertModifiedAsync(string query, string etag)
    {
        CatalogResponse response = await CatalogApi.GetAsync(_client, query, etag);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotNull(response.ETag);
        Assert.NotEqual(etag, response.ETag);
        return response.ETag!;
    }

    [Fact]
    public async Task IfNoneMatch_WithTheETag_Returns304WithoutABody()
    {
        string ns = Auth.AuthRegistry.UniqueName("e");
        await _client.PushImageAsync($"{ns}/app", "1");
        CatalogResponse first = await CatalogApi.ListAsync(_client, $"namespace={ns}");
        Assert.Matches("^\"[A-Za-z0-9_-]+\"$", first.ETag!);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/catalog?namespace={ns}");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", W/{first.ETag}");
        using HttpResponseMessage response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.ETag, response.Headers.ETag?.ToString());
        Assert.Equal(first.ETag, (await CatalogApi.ListAsync(_client, $"namespace={ns}")).ETag);
        await AssertModifiedAsync($"namespace={ns}&n=5", first.ETag!);
    }

    [Fact]
    public async Task ETag_ChangesWithTagCreationsMovesDeletionsAndPullsInTheView_NotWithOthers()
    {
        string ns = Auth.AuthRegistry.UniqueName("e");
        string query = $"namespace={ns}";
        await _client.PushImageAsync($"{ns}/app", "1");
        string etag = (await CatalogApi.ListAsync(_client, query)).ETag!;

        await _client.PushImageAsync(Auth.AuthRegistry.UniqueName("elsewhere") + "/app", "1");
        await AssertNotModifiedAsync(query, etag);

        await _client.PushImageAsync($"{ns}/app", "2");
        etag = await AssertModifiedAsync(query, etag);

        PushedManifest moved = await _client.PushImageAsync($"{ns}/app", "1");
        etag = await AssertModifiedAsync(query, etag);

        await CatalogApi.DeleteTagAsync(_client, $"{ns}/app", "2");
        etag = await AssertModifiedAsync(query, etag);

        await _client.GetAsync($"/v2/{ns}/app/manifests/{moved.Digest}");
        await AssertNotModifiedAsync(query, etag);   // counted, not flushed yet
        await factory.Services.GetRequiredService<PullRecorder>().FlushAsync(CancellationToken.None);
        await AssertModifiedAsync(query, etag);
    }

    [Fact]
    public async Task PollingSinceTheLatestCursor_AnswersNothingNew_AndTheSameCursor()
    {
        string ns = Auth.AuthRegistry.UniqueName("e");
        await _client.PushImageAsync($"{ns}/app", "1");
        CatalogResponse listing = await CatalogApi.ListAsync(_client, $"namespace={ns}");

        CatalogResponse poll = await CatalogApi.ListAsync(_client, $"namespace={ns}&since={listing.Cursor}");

        Assert.Empty(poll.Names);
        Assert.Equal(listing.Cursor, poll.Cursor);
        Assert.Null(poll.Next);
        await AssertNotModifiedAsync($"namespace={ns}&since={listing.Cursor}", poll.ETag!);
    }
}
