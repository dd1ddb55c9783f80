using System.Net;

namespace Registry.Tests.Api;

/// <summary>Tag lists are reused between requests, but never once any tag of the repository changed.</summary>
public sealed class TagsListFreshnessTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    private async Task<IReadOnlyList<string>> TagsAsync(string repository, string query = "")
        => (await Pages.GetAsync(_client, $"/v2/{repository}/tags/list{query}", "tags")).Items;

    [Fact]
    public async Task ListTags_AfterEveryKindOfTagChange_ShowsTheChangeAtOnce()
    {
        string repository = Names.Unique("fresh");
        PushedManifest first = await _client.PushImageAsync(repository, "a");
        PushedManifest second = await _client.PushImageAsync(repository);
        Assert.Equal(["a"], await TagsAsync(repository));
        Assert.Equal(["a"], await TagsAsync(repository, "?n=1"));

        using (HttpResponseMessage put = await _client.PutManifestAsync(repository, "b", second.Content, second.MediaType))
        {
            await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        }

        Assert.Equal(["a", "b"], await TagsAsync(repository));
        Page firstPage = await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?n=1", "tags");
        Assert.Equal(["a"], firstPage.Items);
        Assert.NotNull(firstPage.Link);

        using (HttpResponseMessage delete = await _client.DeleteAsync($"/v2/{repository}/manifests/b"))
        {
            await OciAssert.SuccessAsync(delete, HttpStatusCode.Accepted);
        }

        Assert.Equal(["a"], await TagsAsync(repository));
        Assert.Null((await Pages.GetAsync(_client, $"/v2/{repository}/tags/list?n=1", "tags")).Link);

        using (HttpResponseMessage delete = await _client.DeleteAsync($"/v2/{repository}/manifests/{first.Digest}"))
        {
            await OciAssert.SuccessAsync(delete, HttpStatusCode.Accepted);
        }

        Assert.Empty(await TagsAsync(repository));
    }
}
