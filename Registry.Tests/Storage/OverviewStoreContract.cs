using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Tests.Storage;

/// <summary>What every overview store must do (counts, latest tag changes, repository search), written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class OverviewStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static async Task TagAsync(IMetadataStore store, string repository, string tag, string seed)
    {
        RepositoryName name = RepositoryName.Parse(repository);
        await store.LinkBlobAsync(name, new BlobInfo(D("layer"), 10), None);
        var manifest = new ManifestWrite(D(seed), MediaTypes.OciImageManifest, 100, null, null, null,
            [new ManifestDependency(D("layer"), 10, DependencyKind.Blob)]) { Actor = "alice" };
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(name, manifest, TagName.Parse(tag), None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task Counts_CountRepositoriesTagsAndManifests(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var overview = (IOverviewStore)store;
        Assert.Equal(new RegistryCounts(0, 0, 0), await overview.GetRegistryCountsAsync(None));

        await TagAsync(store, "team/a", "1", "m1");
        await TagAsync(store, "team/a", "2", "m1");
        await TagAsync(store, "team/b", "1", "m2");

        Assert.Equal(new RegistryCounts(2, 3, 2), await overview.GetRegistryCountsAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task RecentTagChanges_AreNewestFirst_WithRepositoryAndKind(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var overview = (IOverviewStore)store;
        await TagAsync(store, "team/a", "1", "m1");
        await TagAsync(store, "team/b", "1", "m2");
        await TagAsync(store, "team/a", "1", "m3");
        await store.DeleteTagAsync(RepositoryName.Parse("team/b"), TagName.Parse("1"), "bob", None);

        IReadOnlyList<RecentTagChange> recent = await overview.ListRecentTagChangesAsync(3, None);

        Assert.Equal(
            [("team/b", TagChangeKind.Deleted, "bob"), ("team/a", TagChangeKind.Moved, "alice"), ("team/b", TagChangeKind.Created, "alice")],
            recent.Select(r => (r.Repository, r.Change.Kind, r.Change.Actor!)));
        Assert.Equal(D("m3"), recent[1].Change.NewDigest);
    }

    [Theory, MetadataBackends]
    public async Task SearchRepositories_OnFreshStoreOrWithoutMatch_ReturnsEmpty(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var overview = (IOverviewStore)store;

        Assert.Empty(await overview.SearchRepositoriesAsync(new RepositorySearch(null, null, null, 10), None));
        Assert.Empty(await overview.SearchRepositoriesAsync(new RepositorySearch("nothing", "team", null, 10), None));
        await TagAsync(store, "team/api", "1", "m1");
        Assert.Empty(await overview.SearchRepositoriesAsync(new RepositorySearch("nothing", null, null, 10), None));
    }

    [Theory, MetadataBackends]
    public async Task SearchRepositories_FiltersByNamespaceAndText_AndPagesByName(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var overview = (IOverviewStore)store;
        await TagAsync(store, "team", "1", "m0");
        await TagAsync(store, "team/api", "1", "m1");
        await TagAsync(store, "team/api", "2", "m1");
        await TagAsync(store, "team/web", "1", "m2");
        await TagAsync(store, "team-x/api", "1", "m3");
        await TagAsync(store, "other/api-gateway", "1", "m4");

        IReadOnlyList<RepositorySummary> inTeam = await overview.SearchRepositoriesAsync(new RepositorySearch(null, "team", null, 10), None);
        Assert.Equal(["team", "team/api", "team/web"], inTeam.Select(r => r.Name));
        Assert.Equal(2, inTeam[1].Tags);
        Assert.NotNull(inTeam[1].LastPushedAt);

        IReadOnlyList<RepositorySummary> api = await overview.SearchRepositoriesAsync(new RepositorySearch("api", null, null, 10), None);
        Assert.Equal(["other/api-gateway", "team-x/api", "team/api"], api.Select(r => r.Name));

        IReadOnlyList<RepositorySummary> page = await overview.SearchRepositoriesAsync(new RepositorySearch("api", null, "other/api-gateway", 1), None);
        Assert.Equal(["team-x/api"], page.Select(r => r.Name));
    }

    [Theory, MetadataBackends]
    public async Task SearchRepositories_BeforeACursor_ReadsThePageBeforeInNameOrder_AndCountIgnoresCursors(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var overview = (IOverviewStore)store;
        foreach (string name in new[] { "team", "team/a", "team/b", "team/c", "team/d", "team-x/api", "other/api" })
        {
            await TagAsync(store, name, "1", "m-" + name);
        }

        async Task<string[]> NamesAsync(RepositorySearch search) => [.. (await overview.SearchRepositoriesAsync(search, None)).Select(r => r.Name)];

        Assert.Equal(["team/b", "team/c"], await NamesAsync(new RepositorySearch(null, "team", null, 2, Before: "team/d")));
        Assert.Equal(["team", "team/a"], await NamesAsync(new RepositorySearch(null, "team", null, 2, Before: "team/b")));
        Assert.Equal(["team"], await NamesAsync(new RepositorySearch(null, "team", null, 2, Before: "team/a")));
        Assert.Empty(await NamesAsync(new RepositorySearch(null, "team", null, 2, Before: "team")));
        Assert.Equal(["other/api", "team-x/api"], await NamesAsync(new RepositorySearch("api", null, null, 5, Before: "u")));

        Assert.Equal(7, await overview.CountRepositoriesAsync(new RepositorySearch(null, null, null, 0), None));
        Assert.Equal(5, await overview.CountRepositoriesAsync(new RepositorySearch(null, "team", "team/a", 1, Before: "team/c"), None));
        Assert.Equal(2, await overview.CountRepositoriesAsync(new RepositorySearch("api", null, null, 0), None));
        Assert.Equal(1, await overview.CountRepositoriesAsync(new RepositorySearch("api", "team-x", null, 0), None));
        Assert.Equal(0, await overview.CountRepositoriesAsync(new RepositorySearch("nothing", null, null, 0), None));
    }

    [Theory, MetadataBackends]
    public async Task TagEntries_ReadTheNamedTagsWithTheirManifests_AndSkipUnknownOnes(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var overview = (IOverviewStore)store;
        await TagAsync(store, "team/a", "1", "m1");
        await TagAsync(store, "team/a", "2", "m2");
        await TagAsync(store, "team/a", "3", "m3");
        await TagAsync(store, "team/b", "2", "m4");

        IReadOnlyList<Registry.Core.Catalog.CatalogEntry> entries = await overview.ListTagEntriesAsync(RepositoryName.Parse("team/a"), ["3", "1", "nope"], None);

        Assert.Equal([("1", D("m1")), ("3", D("m3"))], entries.Select(e => (e.Tag, e.Digest)).OrderBy(e => e.Tag));
        Assert.All(entries, e => Assert.Equal(100, e.ManifestSize));
        Assert.Empty(await overview.ListTagEntriesAsync(RepositoryName.Parse("team/a"), [], None));
    }
}
