using System.Buffers;
using System.IO.Pipelines;
using Amazon.S3;
using Amazon.S3.Model;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.ReadCache;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// What only the S3 store does (parts, multipart uploads and copies, reading back), on s3rver and moto; what every
/// blob store does is in <see cref="BlobStoreContract"/>. Every test gets a fresh bucket; every
/// <see cref="BlobContract.CreateStore"/> is a store with its own client, like another node. The tests of what s3rver
/// cannot do (list and abort multipart uploads, part copies) run on moto only.
/// </summary>
public sealed class S3BlobStoreContract : BlobContract
{
    private const int MiB = 1024 * 1024;

    private static PipeReader Body(ReadOnlyMemory<byte> bytes) => PipeReader.Create(new ReadOnlySequence<byte>(bytes));

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private async Task<List<string>> UploadObjectKeysAsync()
    {
        using AmazonS3Client client = Server.CreateClient();
        ListObjectsV2Response response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Options.Bucket, Prefix = Options.Prefix + "/uploads/" });
        return (response.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    private async Task<List<MultipartUpload>> MultipartUploadsAsync()
    {
        using AmazonS3Client client = Server.CreateClient();
        ListMultipartUploadsResponse response = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Options.Bucket, Prefix = Options.Prefix + "/" });
        return response.MultipartUploads ?? [];
    }

    private static async Task<byte[]> ReadAllAsync(IBlobStore store, Digest digest)
    {
        await using Stream? stream = await store.OpenReadAsync(digest, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task ChunkedUpload_ThroughThreeInstances_CommitsWithTheRightDigest(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore[] nodes = [CreateS3Store(), CreateS3Store(), CreateS3Store()];
        int[] chunks = [1 * MiB, 7 * MiB, 3 * MiB, 6 * MiB];
        byte[] content = RandomBytes(chunks.Sum());
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        UploadId id;
        await using (IUploadSession first = await nodes[0].StartUploadAsync(CancellationToken.None))
        {
            id = first.Id;
        }

        int offset = 0;
        for (int i = 0; i < chunks.Length; i++)
        {
            await using IUploadSession? session = await nodes[i % nodes.Length].ResumeUploadAsync(id, CancellationToken.None);
            Assert.NotNull(session);
            Assert.Equal(offset, session.Length);
            Assert.Equal(offset + chunks[i], await session.AppendAsync(Body(content.AsMemory(offset, chunks[i])), CancellationToken.None));
            offset += chunks[i];
        }

        // The first node wrote the first and the last chunk: its running hash misses the middle and must not be used.
        await using (IUploadSession? last = await nodes[0].ResumeUploadAsync(id, CancellationToken.None))
        {
            CommitResult result = await last!.CommitAsync(digest, CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, result.Status);
            Assert.Equal(content.Length, result.Blob!.Size);
        }

        Assert.Equal(content, await ReadAllAsync(nodes[2], digest));
        Assert.Empty(await UploadObjectKeysAsync());
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task Commit_AfterPartsAndTail_LeavesNoUploadObjects(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(11 * MiB + 5);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            await session.AppendAsync(Body(content.AsMemory(0, 9 * MiB)), CancellationToken.None);
            Assert.NotEmpty(await UploadObjectKeysAsync());
            await session.AppendAsync(Body(content.AsMemory(9 * MiB)), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }

        Assert.Empty(await UploadObjectKeysAsync());
        if (Server.SupportsMultipartManagement)
        {
            Assert.Empty(await MultipartUploadsAsync());
        }

        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task Cancel_AfterPartsAndTail_LeavesNoUploadObjects(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        UploadId id;
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            await session.AppendAsync(Body(RandomBytes(10 * MiB)), CancellationToken.None);
        }

        await using (IUploadSession? session = await CreateStore().ResumeUploadAsync(id, CancellationToken.None))
        {
            await session!.CancelAsync(CancellationToken.None);
            await session.CancelAsync(CancellationToken.None);
        }

        Assert.Empty(await UploadObjectKeysAsync());
        if (Server.SupportsMultipartManagement)
        {
            Assert.Empty(await MultipartUploadsAsync());
        }

        Assert.Null(await store.ResumeUploadAsync(id, CancellationToken.None));
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task Commit_MismatchAfterReadingBack_KeepsSessionOpenForMoreBytes(BlobBackend backend)
    {
        await UseAsync(backend);
        byte[] content = RandomBytes(7 * MiB);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha512, content);
        UploadId id;
        await using (IUploadSession session = await CreateStore().StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            await session.AppendAsync(Body(content.AsMemory(0, 6 * MiB)), CancellationToken.None);
            CommitResult mismatch = await session.CommitAsync(digest, CancellationToken.None);
            Assert.Equal(CommitStatus.DigestMismatch, mismatch.Status);
            Assert.Equal(Digest.Compute(DigestAlgorithm.Sha512, content.AsSpan(0, 6 * MiB)), mismatch.Actual);
        }

        IBlobStore other = CreateStore();
        await using (IUploadSession? session = await other.ResumeUploadAsync(id, CancellationToken.None))
        {
            Assert.Equal(6 * MiB, session!.Length);
            await session.AppendAsync(Body(content.AsMemory(6 * MiB)), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }

        Assert.Equal(content, await ReadAllAsync(other, digest));
        Assert.Empty(await UploadObjectKeysAsync());
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task Append_BodyBreaksMidway_KeepsTheBytesThatArrived(BlobBackend backend)
    {
        await UseAsync(backend);
        byte[] content = RandomBytes(9 * MiB);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        IBlobStore store = CreateStore();
        UploadId id;
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            PipeReader broken = PipeReader.Create(new BreakingStream(content.AsMemory(0, 6 * MiB + 3)));
            await Assert.ThrowsAsync<IOException>(async () => await session.AppendAsync(broken, CancellationToken.None));
            Assert.Equal(6 * MiB + 3, session.Length);
        }

        await using (IUploadSession? session = await CreateStore().ResumeUploadAsync(id, CancellationToken.None))
        {
            Assert.Equal(6 * MiB + 3, session!.Length);
            await session.AppendAsync(Body(content.AsMemory(6 * MiB + 3)), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }

        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task Upload_WithServerSideEncryption_CommitsAndReads(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateS3Store(o => o.ServerSideEncryption = "AES256");
        byte[] content = RandomBytes(6 * MiB + 1);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            await session.AppendAsync(Body(content), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }

        byte[] manifest = "{}"u8.ToArray();
        await store.PutAsync(Digest.Compute(DigestAlgorithm.Sha256, manifest), manifest, CancellationToken.None);
        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task PresignedUrl_DownloadsTheBlobWithPlainHttp(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(100_000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);

        Uri? url = await store.GetRedirectUriAsync(digest, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.NotNull(url);
        using var http = new HttpClient();
        Assert.Equal(content, await http.GetByteArrayAsync(url));
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task LargeBlob_ReadsBackWithRangedReads(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(20 * MiB);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            await session.AppendAsync(Body(content), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }

        await using Stream? stream = await CreateStore().OpenReadAsync(digest, CancellationToken.None);
        Assert.NotNull(stream);
        Assert.True(stream.CanSeek);
        Assert.Equal(content.Length, stream.Length);
        foreach ((int start, int length) in new[] { (15 * MiB + 3, 2 * MiB), (0, 100), (content.Length - 10, 10), (7 * MiB, 5 * MiB + 1) })
        {
            stream.Seek(start, SeekOrigin.Begin);
            byte[] range = new byte[length];
            await stream.ReadExactlyAsync(range);
            Assert.True(content.AsSpan(start, length).SequenceEqual(range), $"bytes {start}+{length} differ");
        }

        stream.Seek(0, SeekOrigin.End);
        Assert.Equal(0, await stream.ReadAsync(new byte[1]));
        Assert.Equal(content, await ReadAllAsync(store, digest));
    }

    [Theory, BlobBackends(BlobBackend.Moto)]
    public async Task Purge_AbortsOldMultipartUploads_IncludingOnesNoSessionRecords(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateStore();
        UploadId id;
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            id = session.Id;
            await session.AppendAsync(Body(RandomBytes(6 * MiB)), CancellationToken.None);
        }

        // moto dates every multipart upload in 2010: only the session's recent record keeps its upload alive.
        Assert.Equal(0, await store.PurgeUploadsAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None));
        Assert.Single(await MultipartUploadsAsync());
        await using (IUploadSession? session = await store.ResumeUploadAsync(id, CancellationToken.None))
        {
            Assert.Equal(6 * MiB, session!.Length);
        }

        // A multipart upload whose session record was never written (a crash right after starting it).
        using AmazonS3Client client = Server.CreateClient();
        await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = Options.Bucket,
            Key = $"{Options.Prefix}/uploads/{UploadId.New()}/data",
        });
        Assert.Equal(2, (await MultipartUploadsAsync()).Count);

        Assert.Equal(2, await CreateStore().PurgeUploadsAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.Empty(await MultipartUploadsAsync());
        Assert.Empty(await UploadObjectKeysAsync());
    }

    [Theory, BlobBackends(BlobBackend.Moto)]
    public async Task BlobAboveSingleCopyLimit_IsMovedIntoPlaceByMultipartCopy(BlobBackend backend)
    {
        await UseAsync(backend);
        IBlobStore store = CreateS3Store(o =>
        {
            o.MaxSingleCopySize = 6 * MiB;
            o.CopyPartSize = 5 * MiB;
        });
        byte[] content = RandomBytes(12 * MiB + 7);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            await session.AppendAsync(Body(content), CancellationToken.None);
            Assert.Equal(CommitStatus.Committed, (await session.CommitAsync(digest, CancellationToken.None)).Status);
        }

        Assert.Equal(content, await ReadAllAsync(store, digest));
        Assert.Empty(await MultipartUploadsAsync());
        Assert.Empty(await UploadObjectKeysAsync());
    }

    [Theory, BlobBackends(BlobBackend.S3rver)]
    public async Task OpenRead_AsksForTheWholeObjectAsARange_SoTheSdkDoesNotMd5EveryByte_AndReadsAnEmptyBlob(BlobBackend backend)
    {
        await UseAsync(backend);
        await using RecordingProxy proxy = await RecordingProxy.StartAsync(new Uri(Options.ServiceUrl!));
        IBlobStore store = CreateS3Store(o => o.ServiceUrl = proxy.Url);
        byte[] content = RandomBytes(3 * MiB);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        Digest empty = Digest.Compute(DigestAlgorithm.Sha256, []);
        await store.PutAsync(digest, content, CancellationToken.None);
        await store.PutAsync(empty, ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        proxy.Clear();

        Assert.Equal(content, await ReadAllAsync(store, digest));

        RecordedRequest get = Assert.Single(proxy.Requests, r => r.Method == "GET");
        Assert.Equal("bytes=0-", get.Header("Range"));
        Assert.Empty(await ReadAllAsync(store, empty));
    }

    [Theory, BlobBackends(BlobBackend.S3rver, BlobBackend.Moto)]
    public async Task ReadCache_ManyReadsAtOnce_GetTheBlobFromOneCopy_AndADeleteRemovesTheCopy(BlobBackend backend)
    {
        await UseAsync(backend);
        using TempDirectory cacheRoot = TempDirectory.Create("s3-readcache-");
        var store = (S3BlobStore)CreateS3Store(o => o.ReadCachePath = cacheRoot.Path);
        byte[] content = RandomBytes(9 * MiB + 5);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);

        CachedBlob?[] opened = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => store.OpenCachedAsync(digest, content.Length, CancellationToken.None).AsTask()));
        foreach (CachedBlob? blob in opened)
        {
            Assert.NotNull(blob);
            await using Stream stream = blob.Stream ?? File.OpenRead(blob.FilePath!);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        BlobReadCache cache = store.ReadCache!;
        await cache.CopiedAsync(digest);
        Assert.Equal(1, cache.Copies);
        CachedBlob? later = await store.OpenCachedAsync(digest, content.Length, CancellationToken.None);
        Assert.NotNull(later?.FilePath);
        Assert.Equal(content.Length, new FileInfo(later.FilePath).Length);

        Assert.True(await store.DeleteAsync(digest, CancellationToken.None));
        Assert.False(File.Exists(later.FilePath));
        Assert.Equal(0, cache.Count);
        Assert.Null(await store.OpenCachedAsync(digest, content.Length, CancellationToken.None));
    }

    [Theory, BlobBackends(BlobBackend.S3rver)]
    public async Task WithoutAReadCachePath_OpenCachedLeavesReadsToTheStore(BlobBackend backend)
    {
        await UseAsync(backend);
        var store = (S3BlobStore)CreateS3Store();
        byte[] content = RandomBytes(1024);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);

        Assert.Null(await store.OpenCachedAsync(digest, content.Length, CancellationToken.None));
        Assert.Null(store.ReadCache);
    }
}
