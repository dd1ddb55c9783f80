using System.IO.Pipelines;
using System.Security.Cryptography;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>
/// What every blob store must do, written once; every test runs on each <see cref="BlobBackend"/>.
/// <see cref="BlobContract.CreateStore"/> may be called several times and each instance must see the same storage
/// (another node, or the same node after a restart).
/// </summary>
public sealed class BlobStoreContract : BlobContract
{
    private static PipeReader Body(byte[] bytes) => PipeReader.Create(new MemoryStream(bytes, writable: false));

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(IBlobStore store, Digest digest)
    {
        await using Stream? stream = await store.OpenReadAsync(digest, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream(capacity: 1024);
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory, BlobBackends]
    public async Task Upload_AppendedInChunks_CommitsUnderItsDigest(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(3 * 1024 * 1024 + 17);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            Assert.Equal(1024 * 1024, await session.AppendAsync(Body(content[..(1024 * 1024)]), CancellationToken.None));
            Assert.Equal(content.Length, await session.AppendAsync(Body(content[(1024 * 1024)..]), CancellationToken.None));
            CommitResult result = await session.CommitAsync(digest, CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, result.Status);
            Assert.Equal(content.Length, result.Blob!.Size);
        }

        Assert.Equal(content.Length, (await store.StatAsync(digest, CancellationToken.None))!.Size);
        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends]
    public async Task Commit_WithWrongDigest_KeepsBlobInvisibleAndSessionUsable(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(1000);
        Digest right = Digest.Compute(DigestAlgorithm.Sha256, content);
        Digest wrong = Digest.Compute(DigestAlgorithm.Sha256, "other"u8);
        await using IUploadSession session = await store.StartUploadAsync(CancellationToken.None);
        await session.AppendAsync(Body(content), CancellationToken.None);

        CommitResult mismatch = await session.CommitAsync(wrong, CancellationToken.None);

        Assert.Equal(CommitStatus.DigestMismatch, mismatch.Status);
        Assert.Equal(right, mismatch.Actual);
        Assert.Null(await store.StatAsync(wrong, CancellationToken.None));
        Assert.Null(await store.StatAsync(right, CancellationToken.None));
        Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(right, CancellationToken.None)).Status);
    }

    [Theory, BlobBackends]
    public async Task Commit_Sha512_IsVerified(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(70_000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha512, content);
        await using IUploadSession session = await store.StartUploadAsync(CancellationToken.None);
        await session.AppendAsync(Body(content), CancellationToken.None);
        Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends]
    public async Task Session_ResumedByAnotherInstance_ContinuesAndCommits(BlobBackend backend)
    {
        await UseAsync(backend);
        byte[] content = RandomBytes(200_000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        UploadId id;
        await using (IUploadSession first = await CreateStore().StartUploadAsync(CancellationToken.None))
        {
            id = first.Id;
            await first.AppendAsync(Body(content[..70_000]), CancellationToken.None);
        }

        IBlobStore other = CreateStore();
        await using (IUploadSession? second = await other.ResumeUploadAsync(id, CancellationToken.None))
        {
            Assert.NotNull(second);
            Assert.Equal(70_000, second.Length);
            await second.AppendAsync(Body(content[70_000..]), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await second.CommitAsync(digest, CancellationToken.None)).Status);
        }

        Assert.Equal(content, await ReadAllAsync(CreateStore(), digest));
    }

    [Theory, BlobBackends]
    public async Task Resume_UnknownOrFinishedSession_ReturnsNull(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        Assert.Null(await store.ResumeUploadAsync(UploadId.New(), CancellationToken.None));

        UploadId id;
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            await session.AppendAsync(Body("abc"u8.ToArray()), CancellationToken.None);
            await session.CommitAsync(Digest.Compute(DigestAlgorithm.Sha256, "abc"u8), CancellationToken.None);
        }

        Assert.Null(await store.ResumeUploadAsync(id, CancellationToken.None));
    }

    [Theory, BlobBackends]
    public async Task Cancel_IsIdempotentAndEndsTheSession(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        UploadId id;
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            await session.AppendAsync(Body(RandomBytes(10)), CancellationToken.None);
            await session.CancelAsync(CancellationToken.None);
            await session.CancelAsync(CancellationToken.None);
        }

        Assert.Null(await store.ResumeUploadAsync(id, CancellationToken.None));
    }

    [Theory, BlobBackends]
    public async Task Session_IsHeldByOneRequestAtATime(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        IUploadSession first = await store.StartUploadAsync(CancellationToken.None);
        Task<IUploadSession?> waiting = store.ResumeUploadAsync(first.Id, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        await first.AppendAsync(Body("xyz"u8.ToArray()), CancellationToken.None);
        await first.DisposeAsync();
        await using IUploadSession? second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, second!.Length);
    }

    [Theory, BlobBackends]
    public async Task SameContent_CommittedTwice_IsStoredOnceAndReadable(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(5000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using IUploadSession session = await store.StartUploadAsync(CancellationToken.None);
            await session.AppendAsync(Body(content), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }));

        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends]
    public async Task Put_SmallContent_IsReadableAndChecked(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = "{\"schemaVersion\":2}"u8.ToArray();
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        BlobInfo info = await store.PutAsync(digest, content, CancellationToken.None);
        Assert.Equal(content.Length, info.Size);
        Assert.Equal(content, await ReadAllAsync(store, digest));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PutAsync(Digest.Compute(DigestAlgorithm.Sha256, "x"u8), content, CancellationToken.None));
    }

    [Theory, BlobBackends]
    public async Task Delete_RemovesBlob_AndReportsWhetherItExisted(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(64);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);
        Assert.True(await store.DeleteAsync(digest, CancellationToken.None));
        Assert.False(await store.DeleteAsync(digest, CancellationToken.None));
        Assert.Null(await store.StatAsync(digest, CancellationToken.None));
        Assert.Null(await store.OpenReadAsync(digest, CancellationToken.None));
    }

    [Theory, BlobBackends]
    public async Task Purge_RemovesIdleSessions(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        UploadId id;
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            await session.AppendAsync(Body(RandomBytes(100)), CancellationToken.None);
        }

        Assert.True(await store.PurgeUploadsAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None) >= 1);
        Assert.Null(await store.ResumeUploadAsync(id, CancellationToken.None));
    }

    [Theory, BlobBackends]
    public async Task OpenRead_IsSeekable_ForRangeRequests(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(1000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);
        await using Stream? stream = await store.OpenReadAsync(digest, CancellationToken.None);
        Assert.True(stream!.CanSeek);
        stream.Seek(500, SeekOrigin.Begin);
        byte[] tail = new byte[500];
        await stream.ReadExactlyAsync(tail);
        Assert.Equal(content[500..], tail);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await ReadAllAsync(store, digest)));
    }

    [Theory, BlobBackends]
    public async Task List_ReturnsStoredBlobsWithSizes_NotUploadSessions(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-5);
        byte[] first = RandomBytes(100);
        byte[] second = RandomBytes(7);
        Digest a = Digest.Compute(DigestAlgorithm.Sha256, first);
        Digest b = Digest.Compute(DigestAlgorithm.Sha512, second);
        await store.PutAsync(a, first, CancellationToken.None);
        await store.PutAsync(b, second, CancellationToken.None);
        await using (IUploadSession open = await store.StartUploadAsync(CancellationToken.None))
        {
            await open.AppendAsync(Body(RandomBytes(10)), CancellationToken.None);
        }

        var listed = new List<StoredBlob>();
        await foreach (StoredBlob blob in CreateStore().ListAsync(CancellationToken.None))
        {
            listed.Add(blob);
        }

        Assert.Equal(2, listed.Count);
        Assert.Equal(100, Assert.Single(listed, x => x.Digest == a).Size);
        Assert.Equal(7, Assert.Single(listed, x => x.Digest == b).Size);
        Assert.All(listed, x => Assert.True(x.LastModified > before && x.LastModified < DateTimeOffset.UtcNow.AddMinutes(5)));

        await store.DeleteAsync(a, CancellationToken.None);
        var after = new List<Digest>();
        await foreach (StoredBlob blob in store.ListAsync(CancellationToken.None))
        {
            after.Add(blob.Digest);
        }

        Assert.Equal([b], after);
    }
}
