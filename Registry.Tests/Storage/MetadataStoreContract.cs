using Microsoft.Extensions.Time.Testing;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every metadata store must do, written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class MetadataStoreContract : BackendContract<IMetadataStore>
{
    private static readonly RepositoryName RepoA = RepositoryName.Parse("team/app");
    private static readonly RepositoryName RepoB = RepositoryName.Parse("team/other");

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static ManifestWrite Manifest(string seed, params ManifestDependency[] dependencies)
        => new(D(seed), MediaTypes.OciImageManifest, 100, "application/vnd.oci.image.config.v1+json", null, null, dependencies);

    private static ManifestDependency BlobDep(string seed, long size = 10) => new(D(seed), size, DependencyKind.Blob);

    private async Task<IMetadataStore> NewStoreWithBlobsAsync(MetadataBackend backend, RepositoryName repository, params string[] seeds)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        foreach (string seed in seeds)
        {
            await store.LinkBlobAsync(repository, new BlobInfo(D(seed), 10), CancellationToken.None);
        }

        return store;
    }

    [Theory, MetadataBackends]
    public async Task Migrate_Twice_IsHarmless(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        await store.MigrateAsync(CancellationToken.None);
        await store.LinkBlobAsync(RepoA, new BlobInfo(D("x"), 1), CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        Assert.NotNull(await store.GetRepositoryBlobAsync(RepoA, D("x"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task LinkedBlob_IsVisibleOnlyInItsRepository(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "layer");
        BlobInfo? blob = await store.GetRepositoryBlobAsync(RepoA, D("layer"), CancellationToken.None);
        Assert.Equal(10, blob!.Size);
        Assert.Null(await store.GetRepositoryBlobAsync(RepoB, D("layer"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task LinkBlob_Twice_IsIdempotent(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "layer", "layer");
        Assert.NotNull(await store.GetRepositoryBlobAsync(RepoA, D("layer"), CancellationToken.None));
        Assert.Equal(["team/app"], (await store.ListRepositoriesAsync(null, null, CancellationToken.None)).Names);
    }

    [Theory, MetadataBackends]
    public async Task Mount_FromRepositoryThatHasTheBlob_LinksIt(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "layer");
        BlobInfo? mounted = await store.MountBlobAsync(RepoA, RepoB, D("layer"), CancellationToken.None);
        Assert.Equal(10, mounted!.Size);
        Assert.NotNull(await store.GetRepositoryBlobAsync(RepoB, D("layer"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task Mount_FromRepositoryWithoutTheBlob_ReturnsNullAndLinksNothing(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "layer");
        Assert.Null(await store.MountBlobAsync(RepoB, RepoA, D("other"), CancellationToken.None));
        Assert.Null(await store.MountBlobAsync(RepositoryName.Parse("nowhere"), RepoB, D("layer"), CancellationToken.None));
        Assert.Null(await store.GetRepositoryBlobAsync(RepoB, D("layer"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task Unlink_RemovesOnlyThatRepositorysLink(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "layer");
        await store.LinkBlobAsync(RepoB, new BlobInfo(D("layer"), 10), CancellationToken.None);
        Assert.True(await store.UnlinkBlobAsync(RepoA, D("layer"), CancellationToken.None));
        Assert.False(await store.UnlinkBlobAsync(RepoA, D("layer"), CancellationToken.None));
        Assert.Null(await store.GetRepositoryBlobAsync(RepoA, D("layer"), CancellationToken.None));
        Assert.NotNull(await store.GetRepositoryBlobAsync(RepoB, D("layer"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task PutManifest_WithMissingBlob_IsRefusedAndRecordsNothing(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite manifest = Manifest("m", BlobDep("config"), BlobDep("missing"));

        PutManifestResult result = await store.PutManifestAsync(RepoA, manifest, TagName.Parse("v1"), CancellationToken.None);

        Assert.Equal(PutManifestStatus.MissingDependency, result.Status);
        Assert.Equal(D("missing"), result.Offending!.Value.Digest);
        Assert.Null(await store.GetManifestAsync(RepoA, manifest.Digest, CancellationToken.None));
        Assert.Null(await store.ResolveTagAsync(RepoA, TagName.Parse("v1"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task PutManifest_FromUpstream_RecordsReferencesToAbsentContent_AndCanBeDeleted(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        RepositoryName cache = RepositoryName.Parse("hub/library/alpine");
        ManifestWrite child = Manifest("platform", BlobDep("config"), BlobDep("layer")) with { FromUpstream = true };
        var index = new ManifestWrite(D("multi"), MediaTypes.OciImageIndex, 50, null, null, null,
            [new ManifestDependency(child.Digest, 100, DependencyKind.Manifest), new ManifestDependency(D("other-platform"), 100, DependencyKind.Manifest)])
        {
            FromUpstream = true,
        };

        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(cache, index, TagName.Parse("3"), CancellationToken.None)).Status);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(cache, child, null, CancellationToken.None)).Status);
        Assert.Equal(index.Digest, (await store.ResolveTagAsync(cache, TagName.Parse("3"), CancellationToken.None))!.Digest);
        Assert.Null(await store.GetRepositoryBlobAsync(cache, D("layer"), CancellationToken.None));

        // Without the flag the same write is refused: the flag, not the store, lets references dangle.
        Assert.Equal(PutManifestStatus.MissingDependency, (await store.PutManifestAsync(RepoA, child with { FromUpstream = false }, null, CancellationToken.None)).Status);

        await store.LinkBlobAsync(cache, new BlobInfo(D("layer"), 10), CancellationToken.None);
        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteManifestAsync(cache, index.Digest, "test", CancellationToken.None)).Status);
        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteManifestAsync(cache, child.Digest, "test", CancellationToken.None)).Status);
        Assert.NotNull(await store.GetRepositoryBlobAsync(cache, D("layer"), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task PutManifest_WithWrongBlobSize_IsRefused(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        PutManifestResult result = await store.PutManifestAsync(RepoA, Manifest("m", BlobDep("config", size: 11)), null, CancellationToken.None);
        Assert.Equal(PutManifestStatus.SizeMismatch, result.Status);
    }

    [Theory, MetadataBackends]
    public async Task CheckDependencies_ReportsFirstProblemWithoutWriting(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        Assert.Equal(PutManifestStatus.Stored, (await store.CheckDependenciesAsync(RepoA, [BlobDep("config")], CancellationToken.None)).Status);
        Assert.Equal(PutManifestStatus.MissingDependency, (await store.CheckDependenciesAsync(RepoA, [BlobDep("nope")], CancellationToken.None)).Status);
        Assert.Equal(PutManifestStatus.MissingDependency, (await store.CheckDependenciesAsync(RepoB, [BlobDep("config")], CancellationToken.None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task PutManifest_ByTag_IsResolvableByTagAndDigest(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config", "layer");
        ManifestWrite manifest = Manifest("m", BlobDep("config"), BlobDep("layer")) with { AnnotationsJson = "{\"a\":\"b\"}" };
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(RepoA, manifest, TagName.Parse("v1"), CancellationToken.None)).Status);

        ManifestRecord? byTag = await store.ResolveTagAsync(RepoA, TagName.Parse("v1"), CancellationToken.None);
        ManifestRecord? byDigest = await store.GetManifestAsync(RepoA, manifest.Digest, CancellationToken.None);
        Assert.Equal(manifest.Digest, byTag!.Digest);
        Assert.Equal(MediaTypes.OciImageManifest, byDigest!.MediaType);
        Assert.Equal(100, byDigest.Size);
        Assert.Equal("{\"a\":\"b\"}", byDigest.AnnotationsJson);
        Assert.Null(await store.GetManifestAsync(RepoB, manifest.Digest, CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task Index_RequiresItsChildManifestsInTheRepository(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite child = Manifest("child", BlobDep("config"));
        var index = new ManifestWrite(D("index"), MediaTypes.OciImageIndex, 50, null, null, null, [new ManifestDependency(child.Digest, 100, DependencyKind.Manifest)]);

        Assert.Equal(PutManifestStatus.MissingDependency, (await store.PutManifestAsync(RepoA, index, null, CancellationToken.None)).Status);
        await store.PutManifestAsync(RepoA, child, null, CancellationToken.None);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(RepoA, index, TagName.Parse("multi"), CancellationToken.None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task MovingATag_ReportsWhereItPointedBefore(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite first = Manifest("one", BlobDep("config"));
        ManifestWrite second = Manifest("two", BlobDep("config"));
        TagName tag = TagName.Parse("latest");
        Assert.Null((await store.PutManifestAsync(RepoA, first, tag, CancellationToken.None)).PreviousTagDigest);
        Assert.Equal(first.Digest.Value, (await store.PutManifestAsync(RepoA, second, tag, CancellationToken.None)).PreviousTagDigest);
        Assert.Equal(second.Digest, (await store.ResolveTagAsync(RepoA, tag, CancellationToken.None))!.Digest);
        Assert.NotNull(await store.GetManifestAsync(RepoA, first.Digest, CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task DeleteManifest_RemovesItAndItsTags(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite manifest = Manifest("m", BlobDep("config"));
        await store.PutManifestAsync(RepoA, manifest, TagName.Parse("a"), CancellationToken.None);
        await store.PutManifestAsync(RepoA, manifest, TagName.Parse("b"), CancellationToken.None);

        Assert.True(await store.DeleteManifestAsync(RepoA, manifest.Digest, CancellationToken.None));
        Assert.False(await store.DeleteManifestAsync(RepoA, manifest.Digest, CancellationToken.None));
        Assert.Null(await store.GetManifestAsync(RepoA, manifest.Digest, CancellationToken.None));
        Assert.Empty((await store.ListTagsAsync(RepoA, null, null, CancellationToken.None)).Tags);
    }

    [Theory, MetadataBackends]
    public async Task DeleteTag_KeepsTheManifest(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite manifest = Manifest("m", BlobDep("config"));
        await store.PutManifestAsync(RepoA, manifest, TagName.Parse("a"), CancellationToken.None);
        Assert.True(await store.DeleteTagAsync(RepoA, TagName.Parse("a"), CancellationToken.None));
        Assert.False(await store.DeleteTagAsync(RepoA, TagName.Parse("a"), CancellationToken.None));
        Assert.False(await store.DeleteTagAsync(RepoB, TagName.Parse("a"), CancellationToken.None));
        Assert.NotNull(await store.GetManifestAsync(RepoA, manifest.Digest, CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task ListTags_IsOrdinalAndPaginates(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite manifest = Manifest("m", BlobDep("config"));
        string[] tags = ["b", "B", "a", "a1", "_x", "10", "9", "a.b"];
        foreach (string tag in tags)
        {
            await store.PutManifestAsync(RepoA, manifest, TagName.Parse(tag), CancellationToken.None);
        }

        string[] expected = tags.Order(StringComparer.Ordinal).ToArray();
        TagPage all = await store.ListTagsAsync(RepoA, null, null, CancellationToken.None);
        Assert.True(all.RepositoryExists);
        Assert.Equal(expected, all.Tags);
        Assert.False(all.HasMore);

        var walked = new List<string>();
        string? last = null;
        TagPage page;
        do
        {
            page = await store.ListTagsAsync(RepoA, last, 3, CancellationToken.None);
            Assert.True(page.Tags.Count <= 3);
            walked.AddRange(page.Tags);
            last = page.Tags.Count > 0 ? page.Tags[^1] : last;
        }
        while (page.HasMore);

        Assert.Equal(expected, walked);
    }

    [Theory, MetadataBackends]
    public async Task ListTags_UnknownRepository_SaysSo(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Assert.False((await store.ListTagsAsync(RepoA, null, null, CancellationToken.None)).RepositoryExists);
    }

    [Theory, MetadataBackends]
    public async Task ListRepositories_IsOrderedAndPaginates(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        string[] names = ["zeta", "alpha/b", "alpha", "mid/x/y"];
        foreach (string name in names)
        {
            await store.LinkBlobAsync(RepositoryName.Parse(name), new BlobInfo(D(name), 1), CancellationToken.None);
        }

        RepositoryPage first = await store.ListRepositoriesAsync(null, 2, CancellationToken.None);
        Assert.Equal(["alpha", "alpha/b"], first.Names);
        Assert.True(first.HasMore);
        RepositoryPage second = await store.ListRepositoriesAsync("alpha/b", 2, CancellationToken.None);
        Assert.Equal(["mid/x/y", "zeta"], second.Names);
        Assert.False(second.HasMore);
    }

    [Theory, MetadataBackends]
    public async Task Referrers_AreFoundBySubjectAndFilteredByArtifactType(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite subject = Manifest("subject", BlobDep("config"));
        await store.PutManifestAsync(RepoA, subject, TagName.Parse("v1"), CancellationToken.None);
        ManifestWrite signature = Manifest("sig", BlobDep("config")) with { Subject = subject.Digest, ArtifactType = "application/vnd.example.signature" };
        ManifestWrite sbom = Manifest("sbom", BlobDep("config")) with { Subject = subject.Digest, ArtifactType = "application/spdx+json", AnnotationsJson = "{\"k\":\"v\"}" };
        await store.PutManifestAsync(RepoA, signature, null, CancellationToken.None);
        await store.PutManifestAsync(RepoA, sbom, null, CancellationToken.None);

        IReadOnlyList<ManifestRecord> all = await store.ListReferrersAsync(RepoA, subject.Digest, null, CancellationToken.None);
        Assert.Equal(2, all.Count);
        IReadOnlyList<ManifestRecord> sboms = await store.ListReferrersAsync(RepoA, subject.Digest, "application/spdx+json", CancellationToken.None);
        Assert.Equal(sbom.Digest, Assert.Single(sboms).Digest);
        Assert.Equal("{\"k\":\"v\"}", sboms[0].AnnotationsJson);
        Assert.Empty(await store.ListReferrersAsync(RepoB, subject.Digest, null, CancellationToken.None));
        Assert.Empty(await store.ListReferrersAsync(RepoA, D("unknown"), null, CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task Uploads_AreRecordedFoundAndExpired(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var old = new UploadRecord(UploadId.New(), RepoA, DateTimeOffset.UtcNow.AddDays(-2));
        var fresh = new UploadRecord(UploadId.New(), RepoB, DateTimeOffset.UtcNow);
        await store.CreateUploadAsync(old, CancellationToken.None);
        await store.CreateUploadAsync(fresh, CancellationToken.None);

        UploadRecord? found = await store.GetUploadAsync(fresh.Id, CancellationToken.None);
        Assert.Equal(RepoB, found!.Repository);
        Assert.Equal([old.Id], await store.DeleteUploadsStartedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None));
        Assert.Null(await store.GetUploadAsync(old.Id, CancellationToken.None));
        Assert.True(await store.DeleteUploadAsync(fresh.Id, CancellationToken.None));
        Assert.False(await store.DeleteUploadAsync(fresh.Id, CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentWrites_AllLand(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        ManifestWrite manifest = Manifest("m", BlobDep("config"));
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => store.PutManifestAsync(RepoA, manifest, TagName.Parse($"t{i:D3}"), CancellationToken.None).AsTask()));
        Assert.Equal(200, (await store.ListTagsAsync(RepoA, null, null, CancellationToken.None)).Tags.Count);
    }

    [Theory, MetadataBackends]
    public async Task TagsVersion_ChangesWithEveryTagChange_AndOnlyThen(MetadataBackend backend)
    {
        IMetadataStore store = await NewStoreWithBlobsAsync(backend, RepoA, "config");
        Assert.Null(await store.GetTagsVersionAsync(RepoB, CancellationToken.None));
        ManifestWrite first = Manifest("one", BlobDep("config"));
        ManifestWrite second = Manifest("two", BlobDep("config"));
        long? initial = await store.GetTagsVersionAsync(RepoA, CancellationToken.None);
        Assert.NotNull(initial);

        async Task<long?> After(Func<Task> change)
        {
            await change();
            return await store.GetTagsVersionAsync(RepoA, CancellationToken.None);
        }

        long? created = await After(() => store.PutManifestAsync(RepoA, first, TagName.Parse("v1"), CancellationToken.None).AsTask());
        long? untaggedPush = await After(() => store.PutManifestAsync(RepoA, second, null, CancellationToken.None).AsTask());
        long? samePush = await After(() => store.PutManifestAsync(RepoA, first, TagName.Parse("v1"), CancellationToken.None).AsTask());
        long? moved = await After(() => store.PutManifestAsync(RepoA, second, TagName.Parse("v1"), CancellationToken.None).AsTask());
        long? deleted = await After(() => store.DeleteTagAsync(RepoA, TagName.Parse("v1"), CancellationToken.None).AsTask());
        await store.PutManifestAsync(RepoA, first, TagName.Parse("v2"), CancellationToken.None);
        long? beforeManifestDelete = await store.GetTagsVersionAsync(RepoA, CancellationToken.None);
        long? manifestDeleted = await After(() => store.DeleteManifestAsync(RepoA, first.Digest, CancellationToken.None).AsTask());

        Assert.NotEqual(initial, created);
        Assert.Equal(created, untaggedPush);
        Assert.Equal(untaggedPush, samePush);
        Assert.NotEqual(samePush, moved);
        Assert.NotEqual(moved, deleted);
        Assert.NotEqual(beforeManifestDelete, manifestDeleted);
    }

    [Theory, MetadataBackends]
    public async Task Lease_IsHeldByOneHolderUntilItExpiresOrIsReleased(MetadataBackend backend)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        IMetadataStore store = await CreateStoreAsync(backend, clock);
        Assert.True(await store.TryAcquireLeaseAsync("janitor", "node-a", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await store.TryAcquireLeaseAsync("janitor", "node-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.TryAcquireLeaseAsync("janitor", "node-a", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.TryAcquireLeaseAsync("other", "node-b", TimeSpan.FromMinutes(1), CancellationToken.None));

        await store.ReleaseLeaseAsync("janitor", "node-b", CancellationToken.None);
        Assert.False(await store.TryAcquireLeaseAsync("janitor", "node-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        await store.ReleaseLeaseAsync("janitor", "node-a", CancellationToken.None);
        Assert.True(await store.TryAcquireLeaseAsync("janitor", "node-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await store.TryAcquireLeaseAsync("janitor", "node-a", TimeSpan.FromMinutes(1), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1));
        Assert.True(await store.TryAcquireLeaseAsync("janitor", "node-a", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task Lease_ContendedByManyHolders_IsWonByExactlyOne(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        bool[] won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.TryAcquireLeaseAsync("gc", $"node-{i}", TimeSpan.FromMinutes(1), CancellationToken.None).AsTask()));
        Assert.Single(won, w => w);
    }

    [Theory, MetadataBackends]
    public async Task RefusedPush_IntoAnUnknownRepository_DoesNotCreateIt(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        PutManifestResult result = await store.PutManifestAsync(RepoA, Manifest("m", BlobDep("config")), TagName.Parse("v1"), CancellationToken.None);
        Assert.Equal(PutManifestStatus.MissingDependency, result.Status);
        Assert.False((await store.ListTagsAsync(RepoA, null, null, CancellationToken.None)).RepositoryExists);
        Assert.Empty((await store.ListRepositoriesAsync(null, null, CancellationToken.None)).Names);
    }

    [Theory, MetadataBackends]
    public async Task StoredBytes_CountEachDigestOnce(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Assert.Equal(0, await store.GetStoredBytesAsync(CancellationToken.None));
        await store.LinkBlobAsync(RepoA, new BlobInfo(D("a"), 1000), CancellationToken.None);
        await store.LinkBlobAsync(RepoB, new BlobInfo(D("a"), 1000), CancellationToken.None);
        await store.LinkBlobAsync(RepoB, new BlobInfo(D("b"), 24), CancellationToken.None);
        await store.PutManifestAsync(RepoA, Manifest("m", new ManifestDependency(D("a"), 1000, DependencyKind.Blob)), null, CancellationToken.None);
        Assert.Equal(1000 + 24 + 100, await store.GetStoredBytesAsync(CancellationToken.None));
    }
}
