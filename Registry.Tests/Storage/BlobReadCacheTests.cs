using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.ReadCache;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// The node's read cache of a remote store's blobs (<see cref="BlobReadCache"/>), against a store whose bytes the test
/// hands out itself (a pipe per copy), so that what a client reading a copy under way sees can be checked at each step:
/// one copy per blob however many ask, the last byte held back until the bytes hashed to the digest, copies that do not
/// match thrown away, the least recently served copies evicted first, and what a restart finds.
/// </summary>
public sealed class BlobReadCacheTests : IDisposable
{
    private const int KiB = 1024;

    private readonly TempDirectory _root = TempDirectory.Create("readcache-");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-08T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Dictionary<Digest, byte[]> _store = [];
    private readonly List<BlobReadCache> _caches = [];
    private readonly Queue<Pipe> _pending = new();
    private int _opened;

    /// <summary>When set, each copy reads from a new pipe the test writes to (<see cref="NextCopy"/>) instead of the stored bytes.</summary>
    private bool _piped;

    public void Dispose()
    {
        foreach (BlobReadCache cache in _caches)
        {
            cache.Dispose();
        }

        _root.Dispose();
    }

    private BlobReadCache NewCache(long capacity = 64 * 1024 * 1024)
    {
        var cache = new BlobReadCache(_root.Combine("cache"), capacity, OpenAsync, _time, NullLogger.Instance);
        _caches.Add(cache);
        return cache;
    }

    private ValueTask<Stream?> OpenAsync(Digest digest, CancellationToken ct)
    {
        Interlocked.Increment(ref _opened);
        if (!_store.TryGetValue(digest, out byte[]? bytes))
        {
            return ValueTask.FromResult<Stream?>(null);
        }

        if (_piped)
        {
            var pipe = new Pipe();
            lock (_pending)
            {
                _pending.Enqueue(pipe);
            }

            return ValueTask.FromResult<Stream?>(pipe.Reader.AsStream());
        }

        return ValueTask.FromResult<Stream?>(new MemoryStream(bytes, writable: false));
    }

    private Pipe NextCopy()
    {
        lock (_pending)
        {
            return _pending.Dequeue();
        }
    }

    private Digest Store(byte[] bytes)
    {
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, bytes);
        _store[digest] = bytes;
        return digest;
    }

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(CachedBlob blob)
    {
        if (blob.FilePath is { } path)
        {
            return await File.ReadAllBytesAsync(path);
        }

        await using Stream stream = blob.Stream!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task WriteAsync(Pipe pipe, ReadOnlyMemory<byte> bytes)
    {
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.FlushAsync();
    }

    [Fact]
    public async Task AFollowingRead_GetsBytesAsTheyArrive_ButNotTheLastOneUntilTheyHashToTheDigest()
    {
        byte[] content = RandomBytes(3 * 1024 * KiB);
        Digest digest = Store(content);
        _piped = true;
        BlobReadCache cache = NewCache();

        CachedBlob? opened = await cache.OpenAsync(digest, content.Length, CancellationToken.None);
        Assert.NotNull(opened?.Stream);
        Pipe copy = NextCopy();
        await using Stream following = opened.Stream;
        Assert.Equal(content.Length, following.Length);

        await WriteAsync(copy, content);
        byte[] received = new byte[content.Length];
        int at = 0;
        while (at < content.Length - 1)
        {
            at += await following.ReadAsync(received.AsMemory(at));
        }

        ValueTask<int> last = following.ReadAsync(received.AsMemory(at));
        Assert.False(last.IsCompleted, "the last byte was readable before the store's bytes ended and were checked");
        await copy.Writer.CompleteAsync();

        Assert.Equal(1, await last);
        Assert.Equal(0, await following.ReadAsync(new byte[1]));
        Assert.Equal(content, received);
        await cache.CopiedAsync(digest);
        CachedBlob? again = await cache.OpenAsync(digest, content.Length, CancellationToken.None);
        Assert.NotNull(again?.FilePath);
        Assert.Equal(content, await ReadAllAsync(again));
        Assert.Equal(1, cache.Copies);
        Assert.Equal(content.Length, cache.Bytes);
    }

    [Fact]
    public async Task ManyClientsAtOnce_ShareOneCopyFromTheStore_AndEachGetsEveryByte()
    {
        byte[] content = RandomBytes(2 * 1024 * KiB + 17);
        Digest digest = Store(content);
        _piped = true;
        BlobReadCache cache = NewCache();

        CachedBlob?[] opened = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.OpenAsync(digest, content.Length, CancellationToken.None).AsTask()));
        Task<byte[]>[] reads = [.. opened.Select(o => ReadAllAsync(o!))];
        Pipe copy = NextCopy();
        for (int offset = 0; offset < content.Length; offset += 100 * KiB)
        {
            await WriteAsync(copy, content.AsMemory(offset, Math.Min(100 * KiB, content.Length - offset)));
        }

        await copy.Writer.CompleteAsync();

        foreach (byte[] received in await Task.WhenAll(reads))
        {
            Assert.Equal(content, received);
        }

        Assert.Equal(1, _opened);
        Assert.Equal(1, cache.Copies);
    }

    [Fact]
    public async Task AFollowingRead_SeeksToAnOffset_AndReadsTheBytesThere()
    {
        byte[] content = RandomBytes(1024 * KiB);
        Digest digest = Store(content);
        _piped = true;
        BlobReadCache cache = NewCache();
        CachedBlob? opened = await cache.OpenAsync(digest, content.Length, CancellationToken.None);
        await using Stream following = opened!.Stream!;
        Pipe copy = NextCopy();

        following.Seek(700 * KiB, SeekOrigin.Begin);
        byte[] buffer = new byte[10 * KiB];
        Task<int> read = following.ReadAsync(buffer, 0, buffer.Length);
        await WriteAsync(copy, content.AsMemory(0, 600 * KiB));
        Assert.False(read.IsCompleted, "bytes past what arrived were read");
        await WriteAsync(copy, content.AsMemory(600 * KiB));
        await copy.Writer.CompleteAsync();

        int count = await read;
        Assert.True(count > 0);
        Assert.Equal(content.AsSpan(700 * KiB, count).ToArray(), buffer.AsSpan(0, count).ToArray());
    }

    [Theory]
    [InlineData("other bytes")]
    [InlineData("too few")]
    [InlineData("too many")]
    public async Task BytesThatDoNotMatch_EndTheFollowingReadsWithAnError_AndAreNotKept_AndTheStoreIsReadDirectlyForAMinute(string wrong)
    {
        byte[] content = RandomBytes(1024 * KiB);
        Digest digest = Store(content);
        _piped = true;
        BlobReadCache cache = NewCache();
        CachedBlob? opened = await cache.OpenAsync(digest, content.Length, CancellationToken.None);
        Task<byte[]> read = ReadAllAsync(opened!);
        Pipe copy = NextCopy();

        byte[] sent = wrong switch
        {
            "other bytes" => RandomBytes(content.Length),
            "too few" => content[..^1],
            _ => [.. content, 0],
        };
        await WriteAsync(copy, sent);
        await copy.Writer.CompleteAsync();

        await Assert.ThrowsAsync<IOException>(() => read);
        await cache.CopiedAsync(digest);
        Assert.Equal(0, cache.Count);
        Assert.DoesNotContain(Directory.EnumerateFiles(_root.Combine("cache"), "*", SearchOption.AllDirectories), f => !f.EndsWith("/lock", StringComparison.Ordinal));

        // For a minute the blob's reads go to the store directly; then the next request copies again.
        _piped = false;
        Assert.Null(await cache.OpenAsync(digest, content.Length, CancellationToken.None));
        _time.Advance(BlobReadCache.BypassAfterFailure);
        CachedBlob? retried = await cache.OpenAsync(digest, content.Length, CancellationToken.None);
        Assert.Equal(content, await ReadAllAsync(retried!));
        Assert.Equal(2, cache.Copies);
        Assert.Equal(1, cache.Usage.CopyFailures);
    }

    [Fact]
    public async Task ACopyThatCannotBeWritten_LeavesTheReadsToTheStore_AndTheCacheRecovers()
    {
        byte[] content = RandomBytes(64 * KiB);
        Digest digest = Store(content);
        BlobReadCache cache = NewCache();
        Directory.Delete(_root.Combine("cache", "partial"), recursive: true); // as a full or broken disk would fail the write

        Assert.Null(await cache.OpenAsync(digest, content.Length, CancellationToken.None));
        await cache.CopiedAsync(digest);
        Assert.Equal(1, cache.Usage.CopyFailures);
        Assert.Null(await cache.OpenAsync(digest, content.Length, CancellationToken.None));

        _time.Advance(BlobReadCache.BypassAfterFailure);
        await FetchAsync(cache, digest);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task PastItsCapacity_TheCacheDeletesTheLeastRecentlyServedCopies()
    {
        BlobReadCache cache = NewCache(capacity: 30 * KiB);
        Digest[] blobs = [.. Enumerable.Range(0, 4).Select(_ => Store(RandomBytes(10 * KiB)))];
        await FetchAsync(cache, blobs[0]);
        await FetchAsync(cache, blobs[1]);
        await FetchAsync(cache, blobs[2]);
        await FetchAsync(cache, blobs[0]); // served again: now the most recent

        await FetchAsync(cache, blobs[3]);

        Assert.Equal(30 * KiB, cache.Bytes);
        Assert.Equal(3, cache.Count);
        Assert.False(File.Exists(_root.Combine("cache", "blobs", "sha256", blobs[1].Hex)));
        Assert.True(File.Exists(_root.Combine("cache", "blobs", "sha256", blobs[0].Hex)));
        Assert.Equal(4, cache.Copies);
        await FetchAsync(cache, blobs[1]);
        Assert.Equal(5, cache.Copies);
    }

    [Fact]
    public async Task ABlobLargerThanTheCache_OrMissingFromTheStore_IsLeftToTheStore()
    {
        BlobReadCache cache = NewCache(capacity: 10 * KiB);
        Digest large = Store(RandomBytes(10 * KiB + 1));
        Digest missing = Digest.Compute(DigestAlgorithm.Sha256, RandomBytes(16));

        Assert.Null(await cache.OpenAsync(large, 10 * KiB + 1, CancellationToken.None));
        Assert.Null(await cache.OpenAsync(missing, 16, CancellationToken.None));
        Assert.Equal(0, _opened - 1); // only the missing blob was asked for
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task AfterARestart_TheCacheKeepsItsCopies_AndSweepsPartialOnes()
    {
        byte[] content = RandomBytes(40 * KiB);
        Digest digest = Store(content);
        BlobReadCache first = NewCache();
        await FetchAsync(first, digest);
        await File.WriteAllBytesAsync(_root.Combine("cache", "partial", "left-by-a-crash"), RandomBytes(100));

        Assert.Throws<InvalidOperationException>(() => NewCache()); // the directory belongs to the running process
        first.Dispose();
        BlobReadCache second = NewCache();

        Assert.Empty(Directory.EnumerateFiles(_root.Combine("cache", "partial")));
        Assert.Equal(content.Length, second.Bytes);
        CachedBlob? kept = await second.OpenAsync(digest, content.Length, CancellationToken.None);
        Assert.NotNull(kept?.FilePath);
        Assert.Equal(content, await ReadAllAsync(kept));
        Assert.Equal(0, second.Copies);
    }

    [Fact]
    public async Task Forget_DeletesTheCopy()
    {
        byte[] content = RandomBytes(4 * KiB);
        Digest digest = Store(content);
        BlobReadCache cache = NewCache();
        await FetchAsync(cache, digest);

        cache.Forget(digest);

        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
        Assert.False(File.Exists(_root.Combine("cache", "blobs", "sha256", digest.Hex)));
    }

    private async Task FetchAsync(BlobReadCache cache, Digest digest)
    {
        byte[] content = _store[digest];
        CachedBlob? blob = await cache.OpenAsync(digest, content.Length, CancellationToken.None);
        Assert.NotNull(blob);
        Assert.Equal(content, await ReadAllAsync(blob));
        await cache.CopiedAsync(digest);
    }
}
