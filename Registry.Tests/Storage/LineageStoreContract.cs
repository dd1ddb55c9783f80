using Registry.Core.Lineage;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every lineage store must do (layer chains, tag digests), written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class LineageStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName Base = RepositoryName.Parse("base/java");
    private static readonly RepositoryName App = RepositoryName.Parse("team/app");

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    /// <summary>Records an image manifest (its one config blob linked first) with the chain of the given layers, optionally tagged.</summary>
    private static async Task<Digest> ImageAsync(IMetadataStore store, RepositoryName repository, string seed, string[] layers, string? tag = null)
    {
        await store.LinkBlobAsync(repository, new BlobInfo(D("config"), 10), None);
        var manifest = new ManifestWrite(D(seed), MediaTypes.OciImageManifest, 100, null, null, null, [new ManifestDependency(D("config"), 10, DependencyKind.Blob)]);
        await store.PutManifestAsync(repository, manifest, tag is null ? null : TagName.Parse(tag), None);
        await ((ILineageStore)store).RecordLayerChainAsync(repository, manifest.Digest, LayerChain.Compute([.. layers.Select(D)]), None);
        return manifest.Digest;
    }

    [Theory, MetadataBackends]
    public async Task RecordedChain_RoundTripsInDepthOrder_AndRecordingTwiceIsHarmless(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Digest image = await ImageAsync(store, App, "m", ["a", "b", "c"]);
        await ((ILineageStore)store).RecordLayerChainAsync(App, image, LayerChain.Compute([D("a"), D("b"), D("c")]), None);

        IReadOnlyList<string> chain = await ((ILineageStore)store).GetLayerChainAsync(App, image, None);

        Assert.Equal(LayerChain.Compute([D("a"), D("b"), D("c")]), chain);
        Assert.Empty(await ((ILineageStore)store).GetLayerChainAsync(Base, image, None));
    }

    [Theory, MetadataBackends]
    public async Task FindByChain_FindsPrefixesInEveryRepository_OrExactDepthsOnly(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var lineage = (ILineageStore)store;
        Digest java = await ImageAsync(store, Base, "java", ["os", "jdk"]);
        Digest app = await ImageAsync(store, App, "app", ["os", "jdk", "war"]);
        string chain = LayerChain.Compute([D("os"), D("jdk")])[1];

        IReadOnlyList<ChainedManifest> prefixes = await lineage.FindByChainAsync(chain, 2, exactDepth: false, None);
        IReadOnlyList<ChainedManifest> exact = await lineage.FindByChainAsync(chain, 2, exactDepth: true, None);

        Assert.Equal([new ChainedManifest(Base, java, 2), new ChainedManifest(App, app, 3)], prefixes);
        Assert.Equal([new ChainedManifest(Base, java, 2)], exact);
        Assert.Empty(await lineage.FindByChainAsync(chain, 1, exactDepth: false, None));
    }

    [Theory, MetadataBackends]
    public async Task FindByChain_SkipsDeletedManifests(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Digest java = await ImageAsync(store, Base, "java", ["os", "jdk"]);
        await store.DeleteManifestAsync(Base, java, None);

        Assert.Empty(await ((ILineageStore)store).FindByChainAsync(LayerChain.Compute([D("os"), D("jdk")])[1], 2, exactDepth: true, None));
    }

    [Theory, MetadataBackends]
    public async Task TagDigests_ListEveryDigestTheTagPointedAt_AndTagsOfManifestTheCurrentOnes(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var lineage = (ILineageStore)store;
        Digest v1 = await ImageAsync(store, Base, "v1", ["os", "a"], "17");
        Digest v2 = await ImageAsync(store, Base, "v2", ["os", "b"], "17");
        await store.PutManifestAsync(Base, new ManifestWrite(v2, MediaTypes.OciImageManifest, 100, null, null, null, [new ManifestDependency(D("config"), 10, DependencyKind.Blob)]), TagName.Parse("latest"), None);

        IReadOnlyList<Digest> digests = await lineage.ListTagDigestsAsync(Base, TagName.Parse("17"), None);

        Assert.Equal(new[] { v1, v2 }.OrderBy(d => d.Value, StringComparer.Ordinal), digests);
        Assert.Empty(await lineage.ListTagsOfManifestAsync(Base, v1, None));
        Assert.Equal(["17", "latest"], await lineage.ListTagsOfManifestAsync(Base, v2, None));
        Assert.Empty(await lineage.ListTagDigestsAsync(Base, TagName.Parse("never"), None));
    }
}
