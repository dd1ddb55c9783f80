using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.FileSystem;

namespace Registry.Benchmarks;

/// <summary>
/// The upload write-and-hash loop: a 64 MiB body through a pipe into the filesystem store, hashed as it is written,
/// then committed (fsync + rename). Bytes per second is what push throughput is bounded by.
/// </summary>
[MemoryDiagnoser]
public class UploadBenchmarks
{
    private const int Size = 64 * 1024 * 1024;
    private const int Block = 16 * 1024;
    private readonly byte[] _content = new byte[Size];
    private readonly RetainingMemoryPool _pool = new(Block);
    private string _root = string.Empty;
    private FileSystemBlobStore _store = null!;
    private Digest _digest;

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_content);
        _digest = Digest.Compute(DigestAlgorithm.Sha256, _content);
        _root = Directory.CreateTempSubdirectory("registry-bench-").FullName;
        _store = new FileSystemBlobStore(Options.Create(new FileSystemBlobStoreOptions { RootDirectory = _root }));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public async Task<long> StreamHashAndCommit64MiB()
    {
        await using IUploadSession session = await _store.StartUploadAsync(CancellationToken.None);
        var pipe = new Pipe(new PipeOptions(pool: _pool, minimumSegmentSize: Block, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        Task writer = FeedAsync(pipe.Writer);
        long length = await session.AppendAsync(pipe.Reader, CancellationToken.None);
        await writer;
        CommitResult result = await session.CommitAsync(_digest, CancellationToken.None);
        await _store.DeleteAsync(_digest, CancellationToken.None);
        return result.Status == CommitStatus.Committed ? length : -1;
    }

    // Kestrel hands bodies over in small segments from a pool it keeps; feed the pipe the same way.
    private async Task FeedAsync(PipeWriter writer)
    {
        for (int offset = 0; offset < Size; offset += Block)
        {
            await writer.WriteAsync(_content.AsMemory(offset, Block));
        }

        await writer.CompleteAsync();
    }
}
