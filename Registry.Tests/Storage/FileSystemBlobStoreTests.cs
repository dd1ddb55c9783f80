using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.FileSystem;

namespace Registry.Tests.Storage;

/// <summary>What only the filesystem blob store does; what every blob store does is in <see cref="BlobStoreContract"/>.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("registry-fs-").FullName;

    private IBlobStore CreateStore()
        => new FileSystemBlobStore(Options.Create(new FileSystemBlobStoreOptions { RootDirectory = _root }));

    [Fact]
    public async Task Blob_IsStoredUnderAlgorithmAndHexPrefix()
    {
        var store = (FileSystemBlobStore)CreateStore();
        byte[] content = "layout"u8.ToArray();
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        await store.PutAsync(digest, content, CancellationToken.None);
        string expected = Path.Combine(_root, "blobs", "sha256", digest.Hex[..2], digest.Hex);
        Assert.True(File.Exists(expected));
        Assert.Equal(expected, store.GetFilePath(digest));
    }

    [Fact]
    public async Task UncommittedUpload_LeavesNothingUnderBlobs()
    {
        IBlobStore store = CreateStore();
        await using (IUploadSession session = await store.StartUploadAsync(CancellationToken.None))
        {
            await session.AppendAsync(System.IO.Pipelines.PipeReader.Create(new MemoryStream(new byte[4096])), CancellationToken.None);
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "blobs"), "*", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
