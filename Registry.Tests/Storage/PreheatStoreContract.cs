using Registry.Core.Preheat;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every store of preheat edges and rules must do, written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class PreheatStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, MetadataBackends]
    public async Task Edges_AreCreatedOnce_Updated_Listed_AndDeleted(MetadataBackend backend)
    {
        var store = (IPreheatStore)await CreateStoreAsync(backend);
        var edge = new PreheatEdge("eu-1", new Uri("https://eu-1.example:5000/"), "origin", "preheat", "CfDJ8-protected", DateTimeOffset.FromUnixTimeMilliseconds(1234), "admin");
        Assert.True(await store.CreatePreheatEdgeAsync(edge, None));
        Assert.False(await store.CreatePreheatEdgeAsync(edge with { RemoteKey = "other" }, None));
        Assert.True(await store.CreatePreheatEdgeAsync(edge with { Name = "asia-1", Username = null, ProtectedPassword = null }, None));

        Assert.Equal(edge, await store.GetPreheatEdgeAsync("eu-1", None));
        Assert.True(await store.UpdatePreheatEdgeAsync(edge with { Url = new Uri("http://eu-2.example/"), ProtectedPassword = null }, None));
        Assert.False(await store.UpdatePreheatEdgeAsync(edge with { Name = "nope" }, None));
        PreheatEdge changed = (await store.GetPreheatEdgeAsync("eu-1", None))!;
        Assert.Equal(("http://eu-2.example/", "preheat", false), (changed.Url.AbsoluteUri, changed.Username, changed.HasPassword));
        Assert.Equal(["asia-1", "eu-1"], (await store.ListPreheatEdgesAsync(None)).Select(e => e.Name));

        Assert.True(await store.DeletePreheatEdgeAsync("eu-1", None));
        Assert.False(await store.DeletePreheatEdgeAsync("eu-1", None));
        Assert.Null(await store.GetPreheatEdgeAsync("eu-1", None));
    }

    [Theory, MetadataBackends]
    public async Task Rules_KeepTheirPatternsAndEdges_AndAreDeleted(MetadataBackend backend)
    {
        var store = (IPreheatStore)await CreateStoreAsync(backend);
        var rule = new PreheatRule("releases", "team/**", "v[0-9]+\\.[0-9]+", ["eu-1", "asia-1"], DateTimeOffset.FromUnixTimeMilliseconds(99), "admin");
        Assert.True(await store.CreatePreheatRuleAsync(rule, None));
        Assert.False(await store.CreatePreheatRuleAsync(rule, None));
        Assert.True(await store.CreatePreheatRuleAsync(rule with { Name = "all", Edges = [] }, None));

        IReadOnlyList<PreheatRule> rules = await store.ListPreheatRulesAsync(None);
        Assert.Equal(["all", "releases"], rules.Select(r => r.Name));
        Assert.Empty(rules[0].Edges);
        PreheatRule stored = rules[1];
        Assert.Equal((rule.Repository, rule.TagPattern, rule.CreatedAt, rule.CreatedBy), (stored.Repository, stored.TagPattern, stored.CreatedAt, stored.CreatedBy));
        Assert.Equal(["eu-1", "asia-1"], stored.Edges);

        Assert.True(await store.DeletePreheatRuleAsync("releases", None));
        Assert.False(await store.DeletePreheatRuleAsync("releases", None));
        Assert.Equal(["all"], (await store.ListPreheatRulesAsync(None)).Select(r => r.Name));
    }
}
