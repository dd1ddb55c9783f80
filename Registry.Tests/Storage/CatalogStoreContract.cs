using Registry.Core.Catalog;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Auth;

namespace Registry.Tests.Storage;

/// <summary>
/// What every catalog store must do (listing, details, pull counts; the change sequence and versions in
/// <c>CatalogStoreContract.Changes.cs</c>), written once; every test runs on each <see cref="MetadataBackend"/>.
/// </summary>
public sealed partial class CatalogStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ICatalogStore Catalog(IMetadataStore store) => Assert.IsAssignableFrom<ICatalogStore>(store);

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static ManifestDependency Blob(string seed, long size) => new(D(seed), size, DependencyKind.Blob);

    /// <summary>An image manifest (300 bytes) with a 10-byte config and a 1000-byte layer of its own, tagged when a tag is given.</summary>
    private static async Task<Digest> PushImageAsync(IMetadataStore store, string repository, string? tag, string seed, string? annotationsJson = null, string? sharedLayer = null)
    {
        var repo = RepositoryName.Parse(repository);
        var blobs = new List<ManifestDependency> { Blob(seed + "/config", 10), Blob(sharedLayer ?? seed + "/layer", 1000) };
        foreach (ManifestDependency blob in blobs)
        {
            await store.LinkBlobAsync(repo, new BlobInfo(blob.Digest, blob.Size), None);
        }

        var manifest = new ManifestWrite(D(seed), MediaTypes.OciImageManifest, 300, "application/vnd.oci.image.config.v1+json", null, annotationsJson, blobs);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(repo, manifest, tag is null ? null : TagName.Parse(tag), None)).Status);
        return manifest.Digest;
    }

    private static Task<Digest> TagAsync(IMetadataStore store, string repository, string tag, string seed) => PushImageAsync(store, repository, tag, seed);

    private static async Task<IReadOnlyList<CatalogEntry>> ListAsync(IMetadataStore store, CatalogView? view = null, string glob = "*", CatalogPosition? after = null, int limit = 1000)
    {
        Assert.True(TagPattern.TryParse(glob, out TagPattern? pattern));
        return await Catalog(store).ListCatalogAsync(view ?? CatalogView.Everything, pattern, after, limit, None);
    }

    private static string[] Names(IEnumerable<CatalogEntry> entries) => [.. entries.Select(e => $"{e.Repository}:{e.Tag}")];

    [Theory, MetadataBackends]
    public async Task List_ShowsEveryTagInRepositoryThenTagOrder_WithItsManifest(MetadataBackend backend)
    {
        var clock = new ManualTimeProvider(Start);
        IMetadataStore store = await CreateStoreAsync(backend, clock);
        Digest app = await PushImageAsync(store, "team/app", "b", "app", """{"org.opencontainers.image.version":"1.0"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.PutManifestAsync(RepositoryName.Parse("team/app"), new ManifestWrite(app, MediaTypes.OciImageManifest, 300, null, null, null, []), TagName.Parse("B"), None);
        await TagAsync(store, "team", "a", "team");
        await PushImageAsync(store, "team/app", null, "untagged");

        IReadOnlyList<CatalogEntry> entries = await ListAsync(store);

        Assert.Equal(["team:a", "team/app:B", "team/app:b"], Names(entries));
        CatalogEntry b = entries[2];
        Assert.Equal((app, MediaTypes.OciImageManifest, "application/vnd.oci.image.config.v1+json", 300L), (b.Digest, b.MediaType, b.ArtifactType, b.ManifestSize));
        Assert.Equal("""{"org.opencontainers.image.version":"1.0"}""", b.AnnotationsJson);
        Assert.Equal((Start, Start.AddMinutes(1)), (b.PushedAt, entries[1].PushedAt));
        Assert.Equal((0L, (DateTimeOffset?)null, (ManifestDetails?)null), (b.PullCount, b.LastPulledAt, b.Details));
    }

    [Theory, MetadataBackends]
    public async Task List_PagesAfterAPosition_AcrossRepositories(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        foreach ((string repository, string tag) in new[] { ("a", "1"), ("a", "2"), ("a/b", "1"), ("b", "0"), ("b", "1") })
        {
            await TagAsync(store, repository, tag, repository + tag);
        }

        var pages = new List<string[]>();
        CatalogPosition? after = null;
        while (true)
        {
            IReadOnlyList<CatalogEntry> page = await ListAsync(store, after: after, limit: 2);
            pages.Add(Names(page));
            if (page.Count < 2)
            {
                break;
            }

            after = new CatalogPosition(page[^1].Repository, page[^1].Tag);
        }

        Assert.Equal([["a:1", "a:2"], ["a/b:1", "b:0"], ["b:1"]], pages);
    }

    [Theory, MetadataBackends]
    public async Task List_KeepsToTheViewsRanges(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        string[] repositories = ["other", "other/one", "other/two", "team", "team-x/app", "team/a/b", "team/app", "teams/app", "z"];
        foreach (string repository in repositories)
        {
            await TagAsync(store, repository, "v1", repository);
        }

        CatalogView view = CatalogView.Of([NameRange.Exactly("team"), NameRange.Below("team"), NameRange.Exactly("other/one")]);

        Assert.Equal(["other/one:v1", "team:v1", "team/a/b:v1", "team/app:v1"], Names(await ListAsync(store, view)));
        Assert.Equal(["team/a/b:v1", "team/app:v1"], Names(await ListAsync(store, view, after: new CatalogPosition("team", "v1"))));
        Assert.Equal(["team/app:v1"], Names(await ListAsync(store, view, after: new CatalogPosition("team/a/b", "v1"), limit: 1)));
        Assert.Empty(await ListAsync(store, CatalogView.Of([])));
        Assert.Equal(repositories.Length, (await ListAsync(store)).Count);
    }

    [Theory]
    [MetadataBackends("1.*", "1.0 1.2.3 1.x_y")]
    [MetadataBackends("1.?", "1.0")]
    [MetadataBackends("*_*", "1.x_y a_b")]
    [MetadataBackends("a_b", "a_b")]
    [MetadataBackends("*-rc?", "2.0-rc1")]
    [MetadataBackends("latest", "latest")]
    [MetadataBackends("LATEST", "")]
    public async Task List_FiltersTagsByGlob_Exactly(MetadataBackend backend, string glob, string expected)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        foreach (string tag in new[] { "1.0", "1.2.3", "1.x_y", "11", "2.0-rc1", "2.0-rc10", "a_b", "axb", "latest" })
        {
            await TagAsync(store, "team/app", tag, "app");
        }

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), (await ListAsync(store, glob: glob)).Select(e => e.Tag));
    }

    [Theory, MetadataBackends]
    public async Task SaveManifestDetails_RecordsSizesOfImagesAndIndexes_FirstRecordStays(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var repo = RepositoryName.Parse("team/app");
        Digest amd64 = await PushImageAsync(store, "team/app", null, "amd64", sharedLayer: "shared");
        Digest arm64 = await PushImageAsync(store, "team/app", null, "arm64", sharedLayer: "shared");
        var index = new ManifestWrite(D("index"), MediaTypes.OciImageIndex, 500, null, null, null,
            [new(amd64, 300, DependencyKind.Manifest), new(arm64, 300, DependencyKind.Manifest)]);
        await store.PutManifestAsync(repo, index, TagName.Parse("multi"), None);

        IReadOnlyList<ManifestDetails?> saved = await Catalog(store).SaveManifestDetailsAsync(
        [
            new(repo, amd64, """[{"os":"linux","architecture":"amd64"}]""", """{"a":"1"}"""),
            new(repo, index.Digest, "[]", null),
            new(repo, D("not pushed"), null, null),
            new(RepositoryName.Parse("no/such"), amd64, null, null),
            new(repo, amd64, "[]", """{"other":"x"}"""),
        ], None);

        Assert.Equal(new ManifestDetails(300 + 10 + 1000, """[{"os":"linux","architecture":"amd64"}]""", """{"a":"1"}"""), saved[0]);
        Assert.Equal(new ManifestDetails(500 + (300 + 10) * 2 + 1000, "[]", null), saved[1]);   // the shared layer counts once
        Assert.Null(saved[2]);
        Assert.Null(saved[3]);
        Assert.Equal(saved[0], saved[4]);
        Assert.Equal(saved[1], (await ListAsync(store)).Single(e => e.Tag == "multi").Details);
    }

    [Theory, MetadataBackends]
    public async Task RecordPulls_AddsCountsFromEveryNode_AndKeepsTheLatestTime(MetadataBackend backend)
    {
        IMetadataStore[] nodes = await CreateNodesAsync(backend, 2, TimeProvider.System);
        Digest app = await TagAsync(nodes[0], "team/app", "1", "app");
        Digest other = await TagAsync(nodes[0], "team/other", "1", "other");
        var repo = RepositoryName.Parse("team/app");

        await Catalog(nodes[0]).RecordPullsAsync([new PullCount(repo, app, 3, Start.AddMinutes(5))], None);
        await Catalog(nodes[1]).RecordPullsAsync(
        [
            new PullCount(repo, app, 2, Start.AddMinutes(2)),
            new PullCount(RepositoryName.Parse("no/such"), app, 7, Start),
        ], None);
        await Catalog(nodes[1]).RecordPullsAsync([new PullCount(repo, app, 1, Start.AddMinutes(9))], None);

        IReadOnlyList<CatalogEntry> entries = await ListAsync(nodes[1]);
        Assert.Equal((6L, (DateTimeOffset?)Start.AddMinutes(9)), (entries[0].PullCount, entries[0].LastPulledAt));
        Assert.Equal((0L, (DateTimeOffset?)null), (entries[1].PullCount, entries[1].LastPulledAt));
        Assert.Equal(other, entries[1].Digest);
    }

    [Theory, MetadataBackends]
    public async Task RecordPulls_CountsPerDigest_SoAMovedTagShowsItsNewManifestsPulls(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Digest first = await TagAsync(store, "team/app", "latest", "first");
        await Catalog(store).RecordPullsAsync([new PullCount(RepositoryName.Parse("team/app"), first, 4, Start)], None);

        await TagAsync(store, "team/app", "latest", "second");

        Assert.Equal((0L, (DateTimeOffset?)null), ((await ListAsync(store))[0].PullCount, (await ListAsync(store))[0].LastPulledAt));
    }
}
