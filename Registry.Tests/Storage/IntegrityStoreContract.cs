using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every integrity store must do (list the digests metadata expects stored), written once per backend.</summary>
public sealed class IntegrityStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName RepoA = RepositoryName.Parse("team/a");
    private static readonly RepositoryName RepoB = RepositoryName.Parse("team/b");

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static async Task<List<KnownBlob>> ListAsync(IIntegrityStore store)
    {
        var list = new List<KnownBlob>();
        await foreach (KnownBlob blob in store.ListKnownBlobsAsync(None))
        {
            list.Add(blob);
        }

        return list;
    }

    [Theory, MetadataBackends]
    public async Task EmptyStore_KnowsNoBlobs(MetadataBackend backend)
    {
        var store = (IIntegrityStore)await CreateStoreAsync(backend);
        Assert.Empty(await ListAsync(store));
        Assert.False(await store.IsKnownBlobAsync(D("x"), None));
    }

    [Theory, MetadataBackends]
    public async Task LinkedBlobsAndManifests_AreListedOnce_WithTheirRepositories(MetadataBackend backend)
    {
        IMetadataStore metadata = await CreateStoreAsync(backend);
        var store = (IIntegrityStore)metadata;
        await metadata.LinkBlobAsync(RepoA, new BlobInfo(D("layer"), 10), None);
        await metadata.LinkBlobAsync(RepoB, new BlobInfo(D("layer"), 10), None);
        var manifest = new ManifestWrite(D("manifest"), MediaTypes.OciImageManifest, 100, null, null, null, [new ManifestDependency(D("layer"), 10, DependencyKind.Blob)]);
        await metadata.PutManifestAsync(RepoA, manifest, TagName.Parse("v1"), None);

        List<KnownBlob> known = await ListAsync(store);

        KnownBlob layer = Assert.Single(known, k => k.Digest == D("layer"));
        Assert.Equal(["team/a", "team/b"], layer.Repositories.Order(StringComparer.Ordinal));
        KnownBlob own = Assert.Single(known, k => k.Digest == D("manifest"));
        Assert.Equal(["team/a"], own.Repositories);
        Assert.Equal(known.Count, known.Select(k => k.Digest).Distinct().Count());
        Assert.True(await store.IsKnownBlobAsync(D("layer"), None));
        Assert.True(await store.IsKnownBlobAsync(D("manifest"), None));
        Assert.False(await store.IsKnownBlobAsync(D("other"), None));
    }
}
