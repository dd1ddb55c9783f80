using System.Buffers;
using System.IO.Pipelines;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// The blob store contract plus what only the S3 store does, against a local S3-compatible server. Every test gets
/// a fresh bucket; every <see cref="CreateStore"/> is a store with its own client, like another node.
/// </summary>
public abstract class S3BlobStoreContract(LocalS3Server server) : BlobStoreContract, IAsyncLifetime
{
    protected const int MiB = 1024 * 1024;

    private readonly List<IDisposable> _stores = [];

    protected LocalS3Server Server => server;

    protected S3BlobStoreOptions Options { get; private set; } = new();

    public async Task InitializeAsync() => Options = await server.CreateBucketAsync();

    public Task DisposeAsync()
    {
        foreach (IDisposable store in _stores)
        {
            store.Dispose();
        }

        return Task.CompletedTask;
    }

    protected override IBlobStore CreateStore() => CreateS3Store();

    protected IBlobStore CreateS3Store(Action<S3BlobStoreOptions>? adjust = null)
    {
        S3BlobStoreOptions options = new()
        {
            ServiceUrl = Options.ServiceUrl,
            Region = Options.Region,
            Bucket = Options.Bucket,
            Prefix = Options.Prefix,
            ForcePathStyle = Options.ForcePathStyle,
            AccessKey = Options.AccessKey,
            SecretKey = Options.SecretKey,
        };
        adjust?.Invoke(options);
        var store = new S3BlobStore(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<S3BlobStore>.Instance);
        _stores.Add(store);
        return store;
    }

    protected static PipeReader Body(ReadOnlyMemory<byte> bytes) => PipeReader.Create(new ReadOnlySequence<byte>(bytes));

    protected static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    protected async Task<List<string>> UploadObjectKeysAsync()
    {
        using AmazonS3Client client = server.CreateClient();
        ListObjectsV2Response response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Options.Bucket, Prefix = Options.Prefix + "/uploads/" });
        return (response.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    protected async Task<List<MultipartUpload>> MultipartUploadsAsync()
    {
        using AmazonS3Client client = server.CreateClient();
        ListMultipartUploadsResponse response = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Options.Bucket, Prefix = Options.Prefix + "/" });
        return response.MultipartUploads ?? [];
    }

    protected static async Task<byte[]> ReadAllAsync(IBlobStore store, Digest digest)
    {
        await using Stream? stream = await store.OpenReadAsync(digest, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task ChunkedUpload_ThroughThreeInstances_CommitsWithTheRightDigest()
    {
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

    [Fact]
    public async Task Commit_AfterPartsAndTail_LeavesNoUploadObjects()
    {
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

    [Fact]
    public async Task Cancel_AfterPartsAndTail_LeavesNoUploadObjects()
    {
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

    [Fact]
    public async Task Commit_MismatchAfterReadingBack_KeepsSessionOpenForMoreBytes()
    {
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

    [Fact]
    public async Task Append_BodyBreaksMidway_KeepsTheBytesThatArrived()
    {
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

    [Fact]
    public async Task Upload_WithServerSideEncryption_CommitsAndReads()
    {
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

    [Fact]
    public async Task PresignedUrl_DownloadsTheBlobWithPlainHttp()
    {
        IBlobStore store = CreateStore();
        byte[] content = RandomBytes(100_000);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);

        Uri? url = await store.GetRedirectUriAsync(digest, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.NotNull(url);
        using var http = new HttpClient();
        Assert.Equal(content, await http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task LargeBlob_ReadsBackWithRangedReads()
    {
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
}
