namespace Registry.Tests.Api.Catalog;

/// <summary>
/// The change cursor: <c>?since=</c> answers the tags created, moved or deleted after it (deletions as tombstones),
/// each with its current state, and a new cursor; a scheduler polls with it.
/// </summary>
public sealed class CatalogChangesTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task Since_ShowsCreatedMovedAndDeletedTags_WithTombstones()
    {
        string ns = Auth.AuthRegistry.UniqueName("c");
        PushedManifest old = await _client.PushImageAsync($"{ns}/app", "1.0");
        await _client.PushImageAsync($"{ns}/app", "stable");
        string cursor = (await CatalogApi.ListAsync(_client, $"namespace={ns}")).Cursor;

        PushedManifest moved = await _client.PushImageAsync($"{ns}/app", "1.0");
        await _client.PushImageAsync($"{ns}/base", "17");
        await CatalogApi.DeleteTagAsync(_client, $"{ns}/app", "stable");

        CatalogResponse changes = await CatalogApi.ListAsync(_client, $"namespace={ns}&since={cursor}");

        Assert.Equal([$"{ns}/app:1.0", $"{ns}/app:stable deleted", $"{ns}/base:17"], changes.Names);
        Assert.Equal(moved.Digest, changes.Entry($"{ns}/app", "1.0").GetProperty("digest").GetString());
        Assert.NotEqual(old.Digest, moved.Digest);
        Assert.Equal("""{"tag":"stable","deleted":true}""", changes.Entry($"{ns}/app", "stable").GetRawText());
        Assert.NotEqual(cursor, changes.Cursor);
        Assert.Empty((await CatalogApi.ListAsync(_client, $"namespace={ns}&since={changes.Cursor}")).Names);
    }

    [Fact]
    public async Task Since_AfterAManifestIsDeleted_ShowsATombstoneForEachOfItsTags()
    {
        string ns = Auth.AuthRegistry.UniqueName("c");
        PushedManifest image = await _client.PushImageAsync($"{ns}/app", "a");
        await _client.PushManifestAsync($"{ns}/app", image.Content, image.MediaType, "b");
        await _client.PushImageAsync($"{ns}/app", "c");
        string cursor = (await CatalogApi.ListAsync(_client, $"namespace={ns}")).Cursor;

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{ns}/app/manifests/{image.Digest}");
        await OciAssert.SuccessAsync(deleted, System.Net.HttpStatusCode.Accepted);

        Assert.Equal([$"{ns}/app:a deleted", $"{ns}/app:b deleted"], (await CatalogApi.ListAsync(_client, $"namespace={ns}&since={cursor}")).Names);
    }

    [Fact]
    public async Task Since_PagesThroughManyChangesInChangeOrder_AndTheLastPageGivesTheCursorToPollWith()
    {
        string ns = Auth.AuthRegistry.UniqueName("c");
        await _client.PushImageAsync($"{ns}/app", "seed");
        string cursor = (await CatalogApi.ListAsync(_client, $"namespace={ns}")).Cursor;
        foreach (string tag in new[] { "e", "d", "c", "b", "a" })
        {
            await _client.PushImageAsync($"{ns}/app", tag);
        }

        List<CatalogResponse> pages = await CatalogApi.WalkAsync(_client, $"namespace={ns}&n=2&since={cursor}");

        Assert.Equal([[$"{ns}/app:d", $"{ns}/app:e"], [$"{ns}/app:b", $"{ns}/app:c"], [$"{ns}/app:a"]], pages.Select(p => p.Names));
        Assert.All(pages.Take(2), p => Assert.Equal(p.Next, p.Cursor));
        Assert.Contains("since=", pages[0].NextUrl);
        await _client.PushImageAsync($"{ns}/app", "z");
        Assert.Equal([$"{ns}/app:z"], (await CatalogApi.ListAsync(_client, $"namespace={ns}&since={pages[^1].Cursor}")).Names);
    }

    [Fact]
    public async Task ChangesDuringAWalk_ShowUpInThePollAfterIt()
    {
        string ns = Auth.AuthRegistry.UniqueName("c");
        await _client.PushImageAsync($"{ns}/a", "1");
        await _client.PushImageAsync($"{ns}/b", "1");
        CatalogResponse first = await CatalogApi.ListAsync(_client, $"namespace={ns}&n=1");

        await _client.PushImageAsync($"{ns}/a", "0");   // behind the walk (a:0 sorts before a:1): the next pages do not show it
        List<CatalogResponse> rest = await CatalogApi.WalkAsync(_client, first.NextUrl!["/api/v1/catalog?".Length..]);

        Assert.Equal([$"{ns}/b:1"], rest.SelectMany(p => p.Names));
        Assert.Equal(first.Cursor, rest[^1].Cursor);
        Assert.Equal([$"{ns}/a:0"], (await CatalogApi.ListAsync(_client, $"namespace={ns}&since={rest[^1].Cursor}")).Names);
    }
}
