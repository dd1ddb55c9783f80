using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>What only the PostgreSQL metadata store does; what every backend does is in <see cref="MetadataStoreContract"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMetadataStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly PostgresTestStores _stores = new(server);

    [Fact]
    public async Task Listings_WithNulInLast_PageAsIfLastEndedThere()
    {
        IMetadataStore store = await _stores.CreateAsync();
        foreach (string name in new[] { "a", "a/b", "b" })
        {
            await store.LinkBlobAsync(RepositoryName.Parse(name), new BlobInfo(D("config"), 10), CancellationToken.None);
        }

        var manifest = new ManifestWrite(D("m"), MediaTypes.OciImageManifest, 100, null, null, null, [new ManifestDependency(D("config"), 10, DependencyKind.Blob)]);
        foreach (string tag in new[] { "a", "a1", "b" })
        {
            await store.PutManifestAsync(RepositoryName.Parse("a"), manifest, TagName.Parse(tag), CancellationToken.None);
        }

        Assert.Equal(["a/b", "b"], (await store.ListRepositoriesAsync("a\0z", 10, CancellationToken.None)).Names);
        Assert.Equal(["a1", "b"], (await store.ListTagsAsync(RepositoryName.Parse("a"), "a\0", null, CancellationToken.None)).Tags);
        Assert.Empty(await store.ListReferrersAsync(RepositoryName.Parse("a"), manifest.Digest, "x\0y", CancellationToken.None));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
