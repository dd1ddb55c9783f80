using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary><c>GET /api/v1/repositories/{name}/tags/{tag}/history</c>: who changed a tag and how, newest first, paged.</summary>
public sealed class TagHistoryApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task History_OfPushesByTwoUsersAndADelete_NamesEachActor_NewestFirst()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        string alice = await registry.CreateUserAsync(("namespace", ns, "developer"));
        string bob = await registry.CreateUserAsync(("namespace", ns, "maintainer"));
        using HttpClient aliceClient = registry.Basic(alice, AuthRegistry.Password);
        using HttpClient bobClient = registry.Basic(bob, AuthRegistry.Password);

        PushedManifest first = await aliceClient.PushImageAsync(repository, "v1");
        PushedManifest second = await bobClient.PushImageAsync(repository, "v1");
        using (HttpResponseMessage deleted = await bobClient.DeleteAsync($"/v2/{repository}/manifests/v1"))
        {
            OciAssert.Status(deleted, HttpStatusCode.Accepted);
        }

        Assert.Equal(
            [("deleted", second.Digest, null, bob), ("moved", first.Digest, second.Digest, bob), ("created", null, first.Digest, alice)],
            await TagApi.EntriesAsync(aliceClient, repository, "v1"));
        JsonElement page = await TagApi.HistoryAsync(aliceClient, repository, "v1");
        Assert.Equal((repository, "v1"), (page.GetProperty("name").GetString(), page.GetProperty("tag").GetString()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        Assert.True(page.GetProperty("entries")[0].GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task History_ManagementTagDelete_RecordsTheMaintainer()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        string maintainer = await registry.CreateUserAsync(("namespace", ns, "maintainer"));
        PushedManifest pushed = await registry.PushImageAsync(repository, "v1");

        using (HttpResponseMessage deleted = await registry.Basic(maintainer, AuthRegistry.Password).DeleteAsync($"/api/v1/repositories/{repository}/tags/v1"))
        {
            OciAssert.Status(deleted, HttpStatusCode.NoContent);
        }

        Assert.Equal(("deleted", pushed.Digest, null, maintainer), (await TagApi.EntriesAsync(registry.Admin, repository, "v1"))[0]);
    }

    [Fact]
    public async Task History_Pages_FollowTheNextCursorThroughEveryEntry()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        var digests = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            digests.Add((await registry.PushImageAsync(repository, "v1")).Digest);
        }

        var seen = new List<string>();
        string query = "?n=2";
        int pages = 0;
        while (true)
        {
            JsonElement page = await TagApi.HistoryAsync(registry.Admin, repository, "v1", query);
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("newDigest").GetString()!));
            pages++;
            JsonElement next = page.GetProperty("next");
            if (next.ValueKind == JsonValueKind.Null)
            {
                break;
            }

            query = $"?n=2&before={next.GetInt64()}";
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(digests), seen);
    }

    [Fact]
    public async Task History_NeedsPull_AndAnswersUnknownRepositoriesAndBadQueries()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        await registry.PushImageAsync(repository, "v1");
        string outsider = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("other"), "admin"));
        string reader = await registry.CreateUserAsync(("repository", repository, "reader"));

        using HttpResponseMessage denied = await registry.Basic(outsider, AuthRegistry.Password).GetAsync($"/api/v1/repositories/{repository}/tags/v1/history");
        await OciAssert.ErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        Assert.Single(await TagApi.EntriesAsync(registry.Basic(reader, AuthRegistry.Password), repository, "v1"));
        Assert.Empty(await TagApi.EntriesAsync(registry.Admin, repository, "never-pushed"));

        using HttpResponseMessage unknown = await registry.Admin.GetAsync($"/api/v1/repositories/{ns}/nothing/tags/v1/history");
        await OciAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, "NAME_UNKNOWN");
        foreach (string query in new[] { "?n=0", "?n=1001", "?n=x", "?before=-1", "?before=abc" })
        {
            using HttpResponseMessage bad = await registry.Admin.GetAsync($"/api/v1/repositories/{repository}/tags/v1/history{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using HttpResponseMessage badTag = await registry.Admin.GetAsync($"/api/v1/repositories/{repository}/tags/-bad/history");
        await OciAssert.ErrorAsync(badTag, HttpStatusCode.BadRequest, "TAG_INVALID");
    }
}
