using Registry.Core.Artifacts;
using Registry.Core.Gc;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Auth;

namespace Registry.Tests.Storage;

/// <summary>Artifact files are references: the queue and the mark see them, and deleting or replacing them queues what they leave unused.</summary>
public sealed partial class GcStoreContract
{
    private static ArtifactFileWrite FileWrite(string repository, string path, string seed)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(seed);
        var content = new ArtifactChecksums(D(seed), 10,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes)), Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)));
        return new ArtifactFileWrite(repository, path, content, "application/octet-stream", "alice", null);
    }

    private static async Task<IArtifactStore> ArtifactsAsync(IMetadataStore store, params string[] keys)
    {
        var artifacts = (IArtifactStore)store;
        foreach (string key in keys)
        {
            Assert.True(await artifacts.CreateArtifactRepositoryAsync(new ArtifactRepository(key, ArtifactRepositoryType.Generic, true, null, Start, "admin"), None));
        }

        return artifacts;
    }

    [Theory, MetadataBackends]
    public async Task ArtifactFile_KeepsBytesAnImageShares_AndDeletingItQueuesThemWithTheirSize(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs");
        await ImageAsync(store, A, "ma", "shared");
        Assert.Equal(ArtifactPutStatus.Created, await artifacts.PutFileAsync(FileWrite("libs", "a/shared.bin", "shared"), true, None));

        Assert.True(await store.DeleteManifestAsync(A, D("ma"), None));
        Assert.Equal(Sorted("ma"), await DueAsync(gc, time.GetUtcNow()));
        Assert.Null(await gc.TryMarkDeletingAsync(D("shared"), time.GetUtcNow(), None));
        Assert.Equal((1L, 100L, 1L, 100L), await FiguresAsync(gc, time.GetUtcNow()));

        Assert.Equal(new ArtifactDeletion(1, 1, 10), await artifacts.DeletePathAsync("libs", "a", None));
        Assert.Equal(Sorted("ma", "shared"), await DueAsync(gc, time.GetUtcNow()));
        Assert.Equal(10, (await gc.TryMarkDeletingAsync(D("shared"), time.GetUtcNow(), None))!.Size);
    }

    [Theory, MetadataBackends]
    public async Task QueuedBlob_ThatAnArtifactFileRecords_LeavesTheQueue_AndIsNotMarked(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs");
        await store.LinkBlobAsync(A, new BlobInfo(D("layer"), 10), None);   // an upload no manifest uses: queued
        Assert.Equal(Sorted("layer"), await DueAsync(gc, time.GetUtcNow()));

        Assert.Equal(ArtifactPutStatus.Created, await artifacts.PutFileAsync(FileWrite("libs", "layer.tar", "layer"), true, None));

        Assert.Equal(0, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);
        Assert.Null(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));
        Assert.True(await store.UnlinkBlobAsync(A, D("layer"), None));   // the artifact still uses it: not queued
        Assert.Equal(0, (await gc.GetQueueStatusAsync(time.GetUtcNow(), None)).Queued);
    }

    [Theory, MetadataBackends]
    public async Task ArtifactFile_OfContentBeingDeleted_IsRefused_AndNothingIsRecorded(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs");
        await store.LinkBlobAsync(A, new BlobInfo(D("layer"), 10), None);
        Assert.NotNull(await gc.TryMarkDeletingAsync(D("layer"), time.GetUtcNow(), None));

        Assert.Equal(ArtifactPutStatus.ContentDeleting, await artifacts.PutFileAsync(FileWrite("libs", "layer.tar", "layer"), true, None));

        Assert.Null(await artifacts.GetFileAsync("libs", "layer.tar", None));
        Assert.True(await gc.CompleteDeletionAsync(D("layer"), None));
        Assert.Equal(ArtifactPutStatus.Created, await artifacts.PutFileAsync(FileWrite("libs", "layer.tar", "layer"), true, None));
    }

    [Theory, MetadataBackends]
    public async Task Overwrite_WithNewContent_QueuesTheOldContent_UnlessAnotherFileStillUsesIt(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs");
        Assert.Equal(ArtifactPutStatus.Created, await artifacts.PutFileAsync(FileWrite("libs", "app-SNAPSHOT.jar", "build-1"), true, None));
        Assert.Equal(ArtifactPutStatus.Created, await artifacts.PutFileAsync(FileWrite("libs", "copy/app.jar", "build-2"), true, None));

        Assert.Equal(ArtifactPutStatus.Replaced, await artifacts.PutFileAsync(FileWrite("libs", "app-SNAPSHOT.jar", "build-2"), true, None));
        Assert.Equal(Sorted("build-1"), await DueAsync(gc, time.GetUtcNow()));

        Assert.Equal(ArtifactPutStatus.Replaced, await artifacts.PutFileAsync(FileWrite("libs", "app-SNAPSHOT.jar", "build-3"), true, None));
        Assert.Equal(Sorted("build-1"), await DueAsync(gc, time.GetUtcNow()));   // build-2 is still copy/app.jar's

        Assert.Equal(ArtifactPutStatus.Replaced, await artifacts.PutFileAsync(FileWrite("libs", "app-SNAPSHOT.jar", "build-3"), true, None));
        Assert.Equal(Sorted("build-1"), await DueAsync(gc, time.GetUtcNow()));   // same content again: nothing changes
    }

    [Theory, MetadataBackends]
    public async Task RepositoryDelete_QueuesOnlyWhatNoOtherRepositoryOrImageUses(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, ManualTimeProvider time) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs", "apps");
        await ImageAsync(store, A, "ma", "layer");
        await artifacts.PutFileAsync(FileWrite("libs", "1.bin", "only-libs"), true, None);
        await artifacts.PutFileAsync(FileWrite("libs", "2.bin", "only-libs"), true, None);
        await artifacts.PutFileAsync(FileWrite("libs", "3.bin", "both"), true, None);
        await artifacts.PutFileAsync(FileWrite("libs", "4.bin", "layer"), true, None);
        await artifacts.PutFileAsync(FileWrite("apps", "3.bin", "both"), true, None);

        Assert.Equal(new ArtifactDeletion(4, 1, 10), await artifacts.DeleteArtifactRepositoryAsync("libs", None));

        Assert.Equal(Sorted("only-libs"), await DueAsync(gc, time.GetUtcNow()));
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentDeletesOfTwoArtifactFilesSharingContent_QueueIt(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, _) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs", "apps");
        for (int round = 0; round < 10; round++)
        {
            string shared = $"shared-{round}";
            await artifacts.PutFileAsync(FileWrite("libs", $"{round}.bin", shared), true, None);
            await artifacts.PutFileAsync(FileWrite("apps", $"{round}.bin", shared), true, None);

            ArtifactDeletion[] deletions = await Task.WhenAll(
                Task.Run(async () => await artifacts.DeletePathAsync("libs", $"{round}.bin", None)),
                Task.Run(async () => await artifacts.DeletePathAsync("apps", $"{round}.bin", None)));

            Assert.Contains(D(shared).Value, await DueAsync(gc, Start.AddDays(1)));
            Assert.Equal(1, deletions.Sum(d => d.BlobsUnreferenced));
        }
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentFirstDeploysOfOnePath_QueueTheContentThatLost(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, _) = await NewAsync(backend);
        IArtifactStore artifacts = await ArtifactsAsync(store, "libs");
        for (int round = 0; round < 10; round++)
        {
            string path = $"{round}/app.jar";
            await Task.WhenAll(
                Task.Run(async () => await artifacts.PutFileAsync(FileWrite("libs", path, $"one-{round}"), true, None)),
                Task.Run(async () => await artifacts.PutFileAsync(FileWrite("libs", path, $"two-{round}"), true, None)));

            string kept = (await artifacts.GetFileAsync("libs", path, None))!.Content.Digest.Value;
            string lost = kept == D($"one-{round}").Value ? D($"two-{round}").Value : D($"one-{round}").Value;
            string[] due = await DueAsync(gc, Start.AddDays(1));
            Assert.Contains(lost, due);
            Assert.DoesNotContain(kept, due);
        }
    }

    private static async Task<(long Queued, long QueuedBytes, long Due, long DueBytes)> FiguresAsync(IGcStore gc, DateTimeOffset queuedBefore)
    {
        GcQueueStatus status = await gc.GetQueueStatusAsync(queuedBefore, None);
        return (status.Queued, status.QueuedBytes, status.Due, status.DueBytes);
    }
}
