using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Usage;

namespace Registry.Tests.Storage;

/// <summary>What every usage store must do (usage per repository and namespace, quotas), written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class UsageStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName A = RepositoryName.Parse("team/a");
    private static readonly RepositoryName B = RepositoryName.Parse("team/b");
    private static readonly RepositoryName Other = RepositoryName.Parse("other/a");
    private static readonly RepositoryName Lookalike = RepositoryName.Parse("team-x/a");

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    /// <summary>Links the layers (seed, size) into the repository and records a manifest of 100 bytes referencing them.</summary>
    private static async Task ImageAsync(IMetadataStore store, RepositoryName repository, string seed, params (string Seed, long Size)[] layers)
    {
        foreach ((string layer, long size) in layers)
        {
            await store.LinkBlobAsync(repository, new BlobInfo(D(layer), size), None);
        }

        var manifest = new ManifestWrite(D(seed), MediaTypes.OciImageManifest, 100, null, null, null,
            [.. layers.Select(l => new ManifestDependency(D(l.Seed), l.Size, DependencyKind.Blob))]);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(repository, manifest, null, None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task FreshStore_AnswersEmptyUsage_WithoutMappingErrors(MetadataBackend backend)
    {
        var usage = (IUsageStore)await CreateStoreAsync(backend);

        Assert.Equal(StorageUsage.None, await usage.GetNamespaceUsageAsync("team", None));
        Assert.Equal(StorageUsage.None, await usage.GetRepositoryUsageAsync(A, None));
        Assert.Empty(await usage.ListRepositoryUsageAsync(null, None));
        Assert.Empty(await usage.ListRepositoryUsageAsync("team", None));
        Assert.Empty(await usage.ListQuotasAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task SharedLayer_CountsOncePerNamespace_AndOnceInEachRepository(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var usage = (IUsageStore)store;
        await ImageAsync(store, A, "ma", ("shared", 1000), ("only-a", 10));
        await ImageAsync(store, B, "mb", ("shared", 1000), ("only-b", 20));
        await ImageAsync(store, Other, "mo", ("shared", 1000));
        await ImageAsync(store, Lookalike, "ml", ("x", 5));

        Assert.Equal(new StorageUsage(1000 + 10 + 20 + 200, 5), await usage.GetNamespaceUsageAsync("team", None));
        Assert.Equal(new StorageUsage(1000 + 10 + 100, 3), await usage.GetRepositoryUsageAsync(A, None));
        Assert.Equal(new StorageUsage(1000 + 20 + 100, 3), await usage.GetRepositoryUsageAsync(B, None));
        Assert.Equal(new StorageUsage(1100, 2), await usage.GetNamespaceUsageAsync("other", None));
        Assert.Equal(StorageUsage.None, await usage.GetNamespaceUsageAsync("nobody", None));
        Assert.Equal([new RepositoryUsage("team/a", 1110, 3), new RepositoryUsage("team/b", 1120, 3)], await usage.ListRepositoryUsageAsync("team", None));
        Assert.Equal(4, (await usage.ListRepositoryUsageAsync(null, None)).Count);
    }

    [Theory, MetadataBackends]
    public async Task LinkedButUnreferencedBlobs_AreNotCounted_AndUsedInNamespaceSaysWhatIsCounted(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var usage = (IUsageStore)store;
        await ImageAsync(store, A, "ma", ("l1", 10));
        await store.LinkBlobAsync(B, new BlobInfo(D("orphan"), 5000), None);

        Assert.Equal(new StorageUsage(110, 2), await usage.GetNamespaceUsageAsync("team", None));
        IReadOnlySet<string> used = await usage.UsedInNamespaceAsync("team", [D("l1").Value, D("orphan").Value, D("ma").Value], None);
        Assert.Equal(new HashSet<string> { D("l1").Value, D("ma").Value }, used.ToHashSet());
        Assert.Empty(await usage.UsedInNamespaceAsync("other", [D("l1").Value], None));
    }

    [Theory, MetadataBackends]
    public async Task Quotas_SetReplaceListAndRemove(MetadataBackend backend)
    {
        var usage = (IUsageStore)await CreateStoreAsync(backend);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        Assert.Null(await usage.GetQuotaAsync("team", None));

        await usage.SetQuotaAsync(new NamespaceQuota("team", 1000, "admin", at), None);
        await usage.SetQuotaAsync(new NamespaceQuota("team", 2000, "alice", at.AddHours(1)), None);
        await usage.SetQuotaAsync(new NamespaceQuota("other", 5, "admin", at), None);

        Assert.Equal(new NamespaceQuota("team", 2000, "alice", at.AddHours(1)), await usage.GetQuotaAsync("team", None));
        Assert.Equal(["other", "team"], (await usage.ListQuotasAsync(None)).Select(q => q.Namespace));
        Assert.True(await usage.RemoveQuotaAsync("team", None));
        Assert.False(await usage.RemoveQuotaAsync("team", None));
        Assert.Null(await usage.GetQuotaAsync("team", None));
    }

    [Theory, MetadataBackends]
    public async Task PutManifest_OverQuota_IsRefusedInTheTransaction_AndWritesNothing(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var usage = (IUsageStore)store;
        await ImageAsync(store, A, "ma", ("l1", 500));
        await usage.SetQuotaAsync(new NamespaceQuota("team", 1000, "admin", DateTimeOffset.UnixEpoch), None);
        await store.LinkBlobAsync(B, new BlobInfo(D("big"), 600), None);
        var manifest = new ManifestWrite(D("mb"), MediaTypes.OciImageManifest, 100, null, null, null, [new ManifestDependency(D("big"), 600, DependencyKind.Blob)]);

        PutManifestResult refused = await store.PutManifestAsync(B, manifest, TagName.Parse("v1"), None);

        Assert.Equal(PutManifestStatus.QuotaExceeded, refused.Status);
        Assert.Equal(new QuotaRefusal("team", 600 + 100 + 600, 1000), refused.OverQuota);
        Assert.Null(await store.GetManifestAsync(B, D("mb"), None));
        Assert.Null(await store.ResolveTagAsync(B, TagName.Parse("v1"), None));
        Assert.Equal(new StorageUsage(600, 2), await usage.GetNamespaceUsageAsync("team", None));

        // A push that brings nothing new into the namespace is never refused, even over quota.
        var retag = new ManifestWrite(D("ma2"), MediaTypes.OciImageManifest, 0, null, null, null, [new ManifestDependency(D("l1"), 500, DependencyKind.Blob)]);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(A, retag with { Digest = D("ma") }, TagName.Parse("again"), None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentPushes_IntoOneNamespace_NeverTogetherExceedTheQuota(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var usage = (IUsageStore)store;
        await usage.SetQuotaAsync(new NamespaceQuota("team", 3500, "admin", DateTimeOffset.UnixEpoch), None);
        const int pushes = 12;
        var writes = new List<(RepositoryName Repository, ManifestWrite Write)>();
        for (int i = 0; i < pushes; i++)
        {
            RepositoryName repository = RepositoryName.Parse($"team/r{i % 3}");
            await store.LinkBlobAsync(repository, new BlobInfo(D($"layer-{i}"), 900), None);
            writes.Add((repository, new ManifestWrite(D($"m-{i}"), MediaTypes.OciImageManifest, 100, null, null, null,
                [new ManifestDependency(D($"layer-{i}"), 900, DependencyKind.Blob)])));
        }

        using var start = new ManualResetEventSlim();
        Task<PutManifestResult>[] running = [.. writes.Select(w => Task.Run(async () =>
        {
            start.Wait();
            return await store.PutManifestAsync(w.Repository, w.Write, null, None);
        }))];
        start.Set();
        PutManifestResult[] results = await Task.WhenAll(running);

        // Each push brings 1000 bytes: exactly three fit in 3500, whichever three win.
        Assert.Equal(3, results.Count(r => r.Status == PutManifestStatus.Stored));
        Assert.Equal(pushes - 3, results.Count(r => r.Status == PutManifestStatus.QuotaExceeded));
        Assert.Equal(3000, (await usage.GetNamespaceUsageAsync("team", None)).Bytes);
    }
}
