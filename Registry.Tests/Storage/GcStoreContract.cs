using Registry.Core.Gc;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Auth;

namespace Registry.Tests.Storage;

/// <summary>What every GC store must do (review queue, pins, the deleting state, run history), written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed partial class GcStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName A = RepositoryName.Parse("team/a");
    private static readonly RepositoryName B = RepositoryName.Parse("team/b");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static ManifestWrite Manifest(string seed, params string[] layers)
        => new(D(seed), MediaTypes.OciImageManifest, 100, null, null, null, [.. layers.Select(l => new ManifestDependency(D(l), 10, DependencyKind.Blob))]);

    private async Task<(IMetadataStore Store, IGcStore Gc, ManualTimeProvider Time)> NewAsync(MetadataBackend backend)
    {
        var time = new ManualTimeProvider(Start);
        IMetadataStore store = await CreateStoreAsync(backend, time);
        return (store, (IGcStore)store, time);
    }

    /// <summary>Links the layers (10 bytes each) into the repository and records a manifest referencing them.</summary>
    private static async Task ImageAsync(IMetadataStore store, RepositoryName repository, string seed, params string[] layers)
    {
        foreach (string layer in layers)
        {
            await store.LinkBlobAsync(repository, new BlobInfo(D(layer), 10), None);
        }

        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(repository, Manifest(seed, layers), null, None)).Status);
    }

    private static async Task<string[]> DueAsync(IGcStore gc, DateTimeOffset now)
        => [.. (await gc.ListDueAsync(now, null, 1000, None)).Select(c => c.Digest.Value).Order(StringComparer.Ordinal)];

    private static string[] Sorted(params string[] seeds) => [.. seeds.Select(s => D(s).Value).Order(StringComparer.Ordinal)];

    [Theory, MetadataBackends]
    public async Task ManifestDelete_QueuesWhatLostItsLastReference_ButKeepsALayerAnotherRepositoryStillUses(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await ImageAsync(store, A, "ma", "shared", "only-a");
        await ImageAsync(store, B, "mb", "shared", "only-b");
        Assert.Empty(await DueAsync(gc, time.GetUtcNow()));

        Assert.True(await store.DeleteManifestAsync(A, D("ma"), None));
        Assert.Equal(Sorted("ma", "only-a"), await DueAsync(gc, time.GetUtcNow()));

        Assert.True(await store.DeleteManifestAsync(B, D("mb"), None));
        Assert.Equal(Sorted("ma", "only-a", "mb", "only-b", "shared"), await DueAsync(gc, time.GetUtcNow()));
    }

    [Theory, MetadataBackends]
    public async Task QueuedEntries_AreDueOnlyOnceTheReviewDelayHasPassed(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await ImageAsync(store, A, "ma", "l1");
        await store.DeleteManifestAsync(A, D("ma"), None);
        DateTimeOffset dayAgo = time.GetUtcNow() - TimeSpan.FromHours(24);

        Assert.Empty(await DueAsync(gc, dayAgo));
        Assert.Null(await gc.TryMarkDeletingAsync(D("l1"), dayAgo, None));
        GcQueueStatus status = await gc.GetQueueStatusAsync(dayAgo, None);
        Assert.Equal((2, 110, 0, 0, 0), (status.Queued, status.QueuedBytes, status.Due, status.DueBytes, status.Deleting));

        time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(Sorted("ma", "l1"), await DueAsync(gc, time.GetUtcNow() - TimeSpan.FromHours(24)));
        status = await gc.GetQueueStatusAsync(time.GetUtcNow() - TimeSpan.FromHours(24), None);
        Assert.Equal((2L, 110L), (status.Due, status.DueBytes));
    }

    [Theory, MetadataBackends]
    public async Task ManifestPut_ThatReferencesAQueuedBlob_TakesItOffTheQueue(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await store.LinkBlobAsync(A, new BlobInfo(D("layer"), 10), None);   // queued with the link: no manifest uses it
        Assert.Equal(1, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);

        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(A, Manifest("m", "layer"), null, None)).Status);

        Assert.Equal(0, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);
        Assert.Null(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));
        await store.LinkBlobAsync(B, new BlobInfo(D("layer"), 10), None);   // linked elsewhere too: still referenced, not queued
        Assert.Equal(0, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);
    }

    [Theory, MetadataBackends]
    public async Task Pin_KeepsABlobFromBeingMarked_UntilItExpires(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await store.LinkBlobAsync(A, new BlobInfo(D("layer"), 10), None);
        Assert.True(await gc.PinAsync(D("layer"), time.GetUtcNow() + TimeSpan.FromHours(1), None));
        Assert.True(await gc.PinAsync(D("layer"), time.GetUtcNow() + TimeSpan.FromMinutes(1), None));   // an earlier pin does not shorten it

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), (await gc.GetPinnedBlobAsync(A, D("layer"), None))!.PinnedUntil);
        Assert.Empty(await DueAsync(gc, time.GetUtcNow()));
        Assert.Null(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));

        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(Sorted("layer"), await DueAsync(gc, time.GetUtcNow()));
        GcCandidate? marked = await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None);
        Assert.Equal(10, marked!.Size);
    }

    [Theory, MetadataBackends]
    public async Task DeletingBlob_IsUnknownToClients_AndAManifestReferencingItIsRefused(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await store.LinkBlobAsync(A, new BlobInfo(D("layer"), 10), None);
        Assert.NotNull(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));

        Assert.Null(await store.GetRepositoryBlobAsync(A, D("layer"), None));
        Assert.Null(await gc.GetPinnedBlobAsync(A, D("layer"), None));
        Assert.Null(await store.MountBlobAsync(A, B, D("layer"), None));
        Assert.False(await gc.PinAsync(D("layer"), time.GetUtcNow() + TimeSpan.FromHours(1), None));
        Assert.Equal(PutManifestStatus.MissingDependency, (await store.CheckDependenciesAsync(A, Manifest("m", "layer").Dependencies, None)).Status);
        Assert.Equal(PutManifestStatus.MissingDependency, (await store.PutManifestAsync(A, Manifest("m", "layer"), null, None)).Status);
        Assert.Null(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));   // already marked
        Assert.Equal(1, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Deleting);
    }

    [Theory, MetadataBackends]
    public async Task CompleteDeletion_RemovesTheRows_ThenAReUploadLinksAfreshAndIsPinned(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await ImageAsync(store, A, "ma", "layer");
        await store.LinkBlobAsync(B, new BlobInfo(D("layer"), 10), None);
        await store.DeleteManifestAsync(A, D("ma"), None);
        Assert.NotNull(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));

        // An upload of the same digest finds it deleting and waits (PinAsync false) until the entry is gone.
        Assert.False(await gc.PinAsync(D("layer"), time.GetUtcNow() + TimeSpan.FromHours(1), None));
        Assert.True(await gc.CompleteDeletionAsync(D("layer"), None));
        Assert.False(await gc.CompleteDeletionAsync(D("layer"), None));
        Assert.Null(await store.GetRepositoryBlobAsync(B, D("layer"), None));
        Assert.Equal(100, await store.GetStoredBytesAsync(None));   // the manifest's own blob, still queued

        Assert.True(await gc.PinAsync(D("layer"), time.GetUtcNow() + TimeSpan.FromHours(1), None));
        await store.LinkBlobAsync(B, new BlobInfo(D("layer"), 10), None);
        Assert.Equal(2, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);   // the manifest's digest, and the layer again
        Assert.Null(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));   // queued again, but pinned by the upload
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(B, Manifest("mb", "layer"), null, None)).Status);
        Assert.Equal(10, (await store.GetRepositoryBlobAsync(B, D("layer"), None))!.Size);
    }

    [Theory, MetadataBackends]
    public async Task DeletingEntries_LeftByAStoppedPass_AreListedAndFinished_UnlessReferencedAgain(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await ImageAsync(store, A, "ma", "layer");
        await store.DeleteManifestAsync(A, D("ma"), None);
        Assert.NotNull(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));
        Assert.NotNull(await gc.TryMarkDeletingAsync(D("ma"), time.GetUtcNow(), None));

        // A pass stopped here (crash). The manifest is pushed again meanwhile: its own digest is referenced again.
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(B, Manifest("ma"), null, None)).Status);

        Assert.Equal(new[] { D("layer").Value, D("ma").Value }.Order(StringComparer.Ordinal), (await gc.ListDeletingAsync(null, 10, None)).Select(c => c.Digest.Value));
        Assert.True(await gc.ConfirmDeletingAsync(D("layer"), None));
        Assert.False(await gc.ConfirmDeletingAsync(D("ma"), None));
        Assert.False(await gc.CompleteDeletionAsync(D("ma"), None));
        Assert.True(await gc.CompleteDeletionAsync(D("layer"), None));
        Assert.Empty(await gc.ListDeletingAsync(null, 10, None));
        Assert.NotNull(await store.GetManifestAsync(B, D("ma"), None));
        Assert.Equal(0, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);
    }

    [Theory, MetadataBackends]
    public async Task IndexDelete_QueuesChildManifestsOnlyOnceNothingReferencesThem(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await ImageAsync(store, A, "child", "layer");
        var index = new ManifestWrite(D("index"), MediaTypes.OciImageIndex, 100, null, null, null, [new ManifestDependency(D("child"), 100, DependencyKind.Manifest)]);
        Assert.Equal(PutManifestStatus.Stored, (await store.PutManifestAsync(A, index, null, None)).Status);

        await store.DeleteManifestAsync(A, D("index"), None);
        Assert.Equal(Sorted("index"), await DueAsync(gc, time.GetUtcNow()));
        await store.DeleteManifestAsync(A, D("child"), None);
        Assert.Equal(Sorted("index", "child", "layer"), await DueAsync(gc, time.GetUtcNow()));
    }

    [Theory, MetadataBackends]
    public async Task RunHistory_KeepsTheNewestRuns_NewestFirst(MetadataBackend backend)
    {
        (_, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        for (int i = 1; i <= 4; i++)
        {
            await gc.RecordRunAsync(new GcRun(0, "schedule", "node", time.GetUtcNow(), time.GetUtcNow().AddSeconds(1), i, i * 100, 0, null), keep: 3, None);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await gc.RecordRunAsync(new GcRun(0, "api", "node", time.GetUtcNow(), time.GetUtcNow(), 0, 0, 1, "sha256:x: disk full"), keep: 3, None);
        IReadOnlyList<GcRun> runs = await gc.ListRunsAsync(10, None);
        Assert.Equal([0, 4, 3], runs.Select(r => r.BlobsDeleted).ToArray());

        for (int i = 0; i < 3; i++)
        {
            await gc.RecordRunAsync(new GcRun(0, "schedule", "node", time.GetUtcNow(), time.GetUtcNow(), 0, 0, 0, null), keep: 5, None);
        }

        Assert.Equal(["schedule", "api", "schedule", "schedule"], (await gc.ListRunsAsync(10, None)).Select(r => r.Trigger).ToArray());
        Assert.Equal(("api", 1, "sha256:x: disk full"), (runs[0].Trigger, runs[0].Errors, runs[0].LastError));
        Assert.Equal(Start.AddMinutes(3), runs[1].StartedAt);
        Assert.Equal(400, runs[1].BytesFreed);
    }

    [Theory, MetadataBackends]
    public async Task RunHistory_PagesBothWaysNewestFirst_AndIsCounted(MetadataBackend backend)
    {
        (_, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        Assert.Equal(0, await gc.CountRunsAsync(None));
        var ids = new List<long>();
        for (int i = 0; i < 7; i++)
        {
            ids.Add(await gc.RecordRunAsync(new GcRun(0, "api", "node", time.GetUtcNow(), time.GetUtcNow(), i, 0, 0, null), keep: 100, None));
        }

        async Task<int[]> BeforeAsync(long? before, int limit) => [.. (await gc.ListRunsBeforeAsync(before, limit, None)).Select(r => r.BlobsDeleted)];
        async Task<int[]> AfterAsync(long after, int limit) => [.. (await gc.ListRunsAfterAsync(after, limit, None)).Select(r => r.BlobsDeleted)];

        Assert.Equal(new[] { 6, 5, 4 }, await BeforeAsync(null, 3));
        Assert.Equal(new[] { 3, 2, 1 }, await BeforeAsync(ids[4], 3));
        Assert.Equal(new[] { 0 }, await BeforeAsync(ids[1], 3));
        Assert.Equal(new[] { 3, 2, 1 }, await AfterAsync(ids[0], 3));
        Assert.Equal(new[] { 6, 5 }, await AfterAsync(ids[4], 3));
        Assert.Empty(await AfterAsync(ids[6], 3));
        Assert.Equal(7, await gc.CountRunsAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task ExpiredPins_AreRemoved_AndLiveOnesKept(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        await store.LinkBlobAsync(A, new BlobInfo(D("old"), 10), None);
        await store.LinkBlobAsync(A, new BlobInfo(D("new"), 10), None);
        await gc.PinAsync(D("old"), time.GetUtcNow() + TimeSpan.FromMinutes(1), None);
        await gc.PinAsync(D("new"), time.GetUtcNow() + TimeSpan.FromHours(1), None);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, await gc.DeleteExpiredPinsAsync(time.GetUtcNow(), None));
        Assert.Null((await gc.GetPinnedBlobAsync(A, D("old"), None))!.PinnedUntil);
        Assert.NotNull((await gc.GetPinnedBlobAsync(A, D("new"), None))!.PinnedUntil);
    }
}
