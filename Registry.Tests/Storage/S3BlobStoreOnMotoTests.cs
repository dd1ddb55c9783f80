using Amazon.S3;
using Amazon.S3.Model;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// The S3 blob store against moto, which also checks what s3rver cannot: the 5 MiB minimum part size, aborting and
/// listing multipart uploads, and part copies.
/// </summary>
public sealed class S3BlobStoreOnMotoTests(MotoS3Server server) : S3BlobStoreContract(server), IClassFixture<MotoS3Server>
{
    [Fact]
    public async Task Purge_AbortsOldMultipartUploads_IncludingOnesNoSessionRecords()
    {
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

    [Fact]
    public async Task BlobAboveSingleCopyLimit_IsMovedIntoPlaceByMultipartCopy()
    {
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
}
