using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Tests.Api.Auth;
using Registry.Tests.Api.Tags;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Between two registries of ours: a tag the destination protects is reported Protected and left as it is, even by a
/// rule that overwrites; a rule that propagates deletes deletes at the destination the selected tags the source no
/// longer has (a deleted tag, a deleted repository), never a tag outside its filter, and nothing when it does not
/// propagate; an on-push rule carries a deletion within seconds.
/// </summary>
public sealed class ReplicationDeletesApiTests : IDisposable
{
    private readonly ReplicationPeers _peers = new();

    public void Dispose() => _peers.Dispose();

    private HttpClient Source => _peers.Source.Admin;

    private HttpClient Destination => _peers.Destination.Admin;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<JsonElement> RunAsync(string rule)
    {
        using HttpResponseMessage response = await Source.PostAsync($"/api/v1/replication/rules/{rule}/run", null);
        return await JsonAsync(response);
    }

    private async Task CreateRuleAsync(object rule)
    {
        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", rule);
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
    }

    private static JsonElement Item(JsonElement run, string tag)
        => run.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("tag").GetString() == tag);

    private static string[] Tags(JsonElement run, string outcome)
        => [.. run.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("outcome").GetString() == outcome).Select(i => i.GetProperty("tag").GetString()!).Order(StringComparer.Ordinal)];

    private static async Task DeleteAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.DeleteAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task ProtectedDestinationTag_IsLeftAndReportedProtected_EvenWithOverwrite_AndTheOtherTagsGoOn()
    {
        string ns = AuthRegistry.UniqueName("team");
        string dest = AuthRegistry.UniqueName("dr");
        await Source.PushImageAsync($"{ns}/app", "1.0");
        PushedManifest two = await Source.PushImageAsync($"{ns}/app", "2.0");
        PushedManifest theirs = await Destination.PushImageAsync($"{dest}/app", "1.0");
        long protection = await TagApi.CreateRuleIdAsync(Destination, null, $"{dest}/app", "1.0", "immutable");
        await CreateRuleAsync(new
        {
            name = "protected",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" } },
            mapping = new { mode = "prefix", from = ns, to = dest },
            overwrite = true,
        });

        JsonElement run = await RunAsync("protected");

        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.GetRawText());
        Assert.Equal((1, 0, 1), (run.GetProperty("copied").GetInt32(), run.GetProperty("failed").GetInt32(), run.GetProperty("protected").GetInt32()));
        JsonElement item = Item(run, "1.0");
        Assert.Equal("Protected", item.GetProperty("outcome").GetString());
        Assert.StartsWith("the destination protects the tag: ", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains($"rule {protection}", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(theirs.Digest, await TagApi.TargetAsync(Destination, $"{dest}/app", "1.0"));
        Assert.Equal(two.Digest, await TagApi.TargetAsync(Destination, $"{dest}/app", "2.0"));
    }

    [Fact]
    public async Task PropagateDeletes_DeletesSelectedTagsTheSourceLost_OnlyWhenAsked_LeavesOthers_AndReportsProtected()
    {
        string ns = AuthRegistry.UniqueName("team");
        string dest = AuthRegistry.UniqueName("dr");
        string app = $"{ns}/app";
        string mirror = $"{dest}/app";
        foreach (string tag in new[] { "1.0", "2.0", "3.0" })
        {
            await Source.PushImageAsync(app, tag);
        }

        await TagApi.CreateRuleIdAsync(Destination, null, mirror, "3.0", "protected-from-deletion");
        await CreateRuleAsync(new
        {
            name = "mirror",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" }, tags = new[] { "*.*" } },
            mapping = new { mode = "prefix", from = ns, to = dest },
        });
        Assert.Equal(3, (await RunAsync("mirror")).GetProperty("copied").GetInt32());
        PushedManifest nightly = await Destination.PushImageAsync(mirror, "nightly");   // outside the filter
        PushedManifest extra = await Destination.PushImageAsync(mirror, "9.9");       // selected, never at the source

        await DeleteAsync(Source, $"/v2/{app}/manifests/2.0");
        await DeleteAsync(Source, $"/v2/{app}/manifests/3.0");
        JsonElement kept = await RunAsync("mirror");
        Assert.Empty(Tags(kept, "Deleted"));
        Assert.Equal(extra.Digest, await TagApi.TargetAsync(Destination, mirror, "9.9"));
        Assert.NotNull(await TagApi.TargetAsync(Destination, mirror, "2.0"));

        (await Source.PatchAsJsonAsync("/api/v1/replication/rules/mirror", new { propagateDeletes = true })).Dispose();
        JsonElement propagated = await RunAsync("mirror");

        Assert.True(propagated.GetProperty("status").GetString() == "succeeded", propagated.GetRawText());
        Assert.Equal(["2.0", "9.9"], Tags(propagated, "Deleted"));
        Assert.Equal(["3.0"], Tags(propagated, "Protected"));
        Assert.Equal((2, 1), (propagated.GetProperty("deleted").GetInt32(), propagated.GetProperty("protected").GetInt32()));
        Assert.Equal("gone at the source", Item(propagated, "2.0").GetProperty("reason").GetString());
        Assert.Equal(mirror, Item(propagated, "2.0").GetProperty("destination").GetString());
        Assert.Contains("protected from deletion", Item(propagated, "3.0").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Null(await TagApi.TargetAsync(Destination, mirror, "2.0"));
        Assert.Null(await TagApi.TargetAsync(Destination, mirror, "9.9"));
        Assert.NotNull(await TagApi.TargetAsync(Destination, mirror, "1.0"));
        Assert.NotNull(await TagApi.TargetAsync(Destination, mirror, "3.0"));
        Assert.Equal(nightly.Digest, await TagApi.TargetAsync(Destination, mirror, "nightly"));

        // The repository deleted at the source: a run of the whole rule still sees it (its earlier runs carried it).
        await DeleteAsync(Source, $"/api/v1/repositories/{app}");
        JsonElement emptied = await RunAsync("mirror");
        Assert.Equal(["1.0"], Tags(emptied, "Deleted"));
        Assert.Equal(["3.0"], Tags(emptied, "Protected"));
        Assert.Null(await TagApi.TargetAsync(Destination, mirror, "1.0"));
        Assert.Equal(nightly.Digest, await TagApi.TargetAsync(Destination, mirror, "nightly"));
    }

    [Fact]
    public async Task OnPushRule_CarriesATagAndARepositoryDeletedAtTheSource_WithinSeconds_OnlyWhereItPropagatesDeletes()
    {
        string ns = AuthRegistry.UniqueName("team");
        string app = $"{ns}/app";
        foreach ((string name, bool propagate) in new[] { ("carries", true), ("keeps", false) })
        {
            await CreateRuleAsync(new
            {
                name,
                registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
                filter = new { repositories = new[] { $"{ns}/*" }, tags = new[] { "v*" } },
                mapping = new { mode = "prefix", from = ns, to = $"{name}-{ns}" },
                triggers = new { onPush = true },
                propagateDeletes = propagate,
            });
        }

        await Source.PushImageAsync(app, "v1");
        await Source.PushImageAsync(app, "v2");
        await WaitForAsync(async () => await TagApi.TargetAsync(Destination, $"carries-{ns}/app", "v2") is not null
            && await TagApi.TargetAsync(Destination, $"keeps-{ns}/app", "v2") is not null);

        await DeleteAsync(Source, $"/v2/{app}/manifests/v1");
        await WaitForAsync(async () => await TagApi.TargetAsync(Destination, $"carries-{ns}/app", "v1") is null);

        using HttpResponseMessage listed = await Source.GetAsync("/api/v1/replication/rules/carries/runs");
        JsonElement deleting = (await JsonAsync(listed)).EnumerateArray().First(r => Tags(r, "Deleted").Length > 0);
        Assert.Equal(("push", "replication:carries"), (deleting.GetProperty("trigger").GetString(), deleting.GetProperty("actor").GetString()));
        Assert.Equal(["v1"], Tags(deleting, "Deleted"));
        Assert.NotNull(await TagApi.TargetAsync(Destination, $"carries-{ns}/app", "v2"));
        Assert.NotNull(await TagApi.TargetAsync(Destination, $"keeps-{ns}/app", "v1"));

        // The repository deleted at the source: its change records name no tag; the run compares every selected tag.
        await DeleteAsync(Source, $"/api/v1/repositories/{app}");
        await WaitForAsync(async () => await TagApi.TargetAsync(Destination, $"carries-{ns}/app", "v2") is null);
        Assert.NotNull(await TagApi.TargetAsync(Destination, $"keeps-{ns}/app", "v2"));
        using HttpResponseMessage keeps = await Source.GetAsync("/api/v1/replication/rules/keeps/runs");
        Assert.All((await JsonAsync(keeps)).EnumerateArray(), r => Assert.Empty(Tags(r, "Deleted")));
    }

    [Fact]
    public async Task PropagateDeletes_ReadsEveryPageOfTheDestinationsTags()
    {
        using var destination = new PagedRegistry();
        using var source = new PeerOf(destination);
        string ns = AuthRegistry.UniqueName("team");
        string[] tags = ["1.1", "1.2", "1.3", "1.4", "1.5"];
        foreach (string tag in tags)
        {
            await source.PushImageAsync($"{ns}/app", tag);
        }

        using HttpResponseMessage created = await source.Admin.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "paged",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" } },
            propagateDeletes = true,
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        using (HttpResponseMessage first = await source.Admin.PostAsync("/api/v1/replication/rules/paged/run", null))
        {
            Assert.Equal(5, (await JsonAsync(first)).GetProperty("copied").GetInt32());
        }

        await DeleteAsync(source.Admin, $"/v2/{ns}/app/manifests/1.1");
        await DeleteAsync(source.Admin, $"/v2/{ns}/app/manifests/1.5");
        using HttpResponseMessage response = await source.Admin.PostAsync("/api/v1/replication/rules/paged/run", null);
        JsonElement run = await JsonAsync(response);

        Assert.Equal(["1.1", "1.5"], Tags(run, "Deleted"));
        Assert.Null(await TagApi.TargetAsync(destination.Admin, $"{ns}/app", "1.5"));
        Assert.NotNull(await TagApi.TargetAsync(destination.Admin, $"{ns}/app", "1.4"));
    }

    /// <summary>A destination serving tag lists two at a time, with a <c>Link</c> to the next page.</summary>
    private sealed class PagedRegistry() : AuthRegistry(new Dictionary<string, string> { ["Registry:Pagination:MaxPageSize"] = "2" });

    /// <summary>A source whose upstream client reaches <paramref name="destination"/> (as <see cref="ReplicationPeers"/> does).</summary>
    private sealed class PeerOf(AuthRegistry destination) : AuthRegistry(
        new Dictionary<string, string> { ["Registry:Upstream:MaxRetries"] = "1" },
        services => services.AddHttpClient(Registry.Api.Upstream.UpstreamServiceCollectionExtensions.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => destination.Factory.Server.CreateHandler()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(20);)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the condition did not hold within 20 seconds");
    }
}
