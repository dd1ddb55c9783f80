using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.ReadCache;

/// <summary>
/// A node's read cache of blobs from a remote store (S3): verified copies under <c>&lt;root&gt;/blobs/&lt;alg&gt;/&lt;hex&gt;</c>,
/// up to a capacity in bytes. The first request for a blob starts one copy from the store; every request on this node
/// meanwhile follows that copy, and every later one is served from the file. The least recently served copies are
/// deleted when a new one takes the cache past its capacity (copies under way are not counted until complete).
/// Content-addressed copies never go stale: a blob deleted from the store is deleted here too on the node that deletes
/// it, and other nodes serve a blob only where the metadata still links it. Partial copies left by a crash are removed
/// at start. One process per directory: a second one fails at start. When a copy fails (the store broke off, its
/// bytes do not match, the local disk is full), the clients following it are cut off, and for the next minute reads of
/// that blob go to the store directly, as without a cache, so a cache that cannot work never stops a pull.
/// </summary>
internal sealed partial class BlobReadCache : IDisposable
{
    private readonly string _blobs;
    private readonly string _partial;
    private readonly long _capacity;
    private readonly Func<Digest, CancellationToken, ValueTask<Stream?>> _open;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Digest, Entry> _entries = new();
    private readonly ConcurrentDictionary<Digest, BlobCacheFill> _fills = new();
    private readonly ConcurrentDictionary<Digest, DateTimeOffset> _bypassUntil = new();
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _evictGate = new();
    private readonly FileStream _lock;
    private long _bytes;
    private long _clock;
    private long _copies;
    private long _servedFromFile;
    private long _servedFollowing;
    private long _copyFailures;
    private long _evicted;

    /// <summary>How long reads of a blob whose copy failed go to the store directly.</summary>
    public static readonly TimeSpan BypassAfterFailure = TimeSpan.FromMinutes(1);

    public BlobReadCache(string root, long capacity, Func<Digest, CancellationToken, ValueTask<Stream?>> open, TimeProvider time, ILogger logger)
    {
        _time = time;
        _capacity = capacity;
        _open = open;
        _logger = logger;
        string full = Path.GetFullPath(root);
        Directory.CreateDirectory(full);
        try
        {
            _lock = new FileStream(Path.Combine(full, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The read cache directory {full} is in use by another registry process; give each process its own (Registry:Storage:S3:ReadCachePath).", e);
        }

        _blobs = Path.Combine(full, "blobs");
        _partial = Path.Combine(full, "partial");
        if (Directory.Exists(_partial))
        {
            Directory.Delete(_partial, recursive: true);
        }

        CreateDirectories();
        Load();
        Evict();
    }

    /// <summary>Bytes of complete copies in the cache.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>How many complete copies the cache holds.</summary>
    public int Count => _entries.Count;

    /// <summary>How many copies from the store this process started.</summary>
    public long Copies => Interlocked.Read(ref _copies);

    public NodeBlobCacheUsage Usage => new(
        Bytes,
        Count,
        Interlocked.Read(ref _servedFromFile),
        Interlocked.Read(ref _servedFollowing),
        Copies,
        Interlocked.Read(ref _copyFailures),
        Interlocked.Read(ref _evicted));

    public async ValueTask<CachedBlob?> OpenAsync(Digest digest, long size, CancellationToken ct)
    {
        if (size > _capacity || Bypassed(digest))
        {
            return null;
        }

        for (int attempt = 0; attempt < 3; attempt++)
        {
            string path = PathOf(digest);
            if (_entries.TryGetValue(digest, out Entry? entry))
            {
                if (File.Exists(path))
                {
                    entry.LastUsed = Interlocked.Increment(ref _clock);
                    Interlocked.Increment(ref _servedFromFile);
                    return CachedBlob.File(path);
                }

                Remove(digest, entry); // deleted behind the cache's back
            }

            if (!_fills.TryGetValue(digest, out BlobCacheFill? fill))
            {
                var created = new BlobCacheFill(digest, size, Path.Combine(_partial, Guid.NewGuid().ToString("N")), path);
                if (!_fills.TryAdd(digest, created))
                {
                    continue;
                }

                fill = created;
                _ = Task.Run(() => RunAsync(created), CancellationToken.None);
            }

            try
            {
                if (!await fill.Started.WaitAsync(ct))
                {
                    return null; // the store does not have it
                }
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                return null; // the copy could not start (logged): read the store directly
            }

            if (fill.OpenReader() is { } reader)
            {
                Interlocked.Increment(ref _servedFollowing);
                return CachedBlob.Following(new BlobCacheFillStream(fill, reader));
            }

            if (fill.Failure is not null)
            {
                return null; // failed just now (logged): read the store directly
            }
        }

        return null; // evicted as fast as it was copied: read the store
    }

    /// <summary>Completes when no copy of <paramref name="digest"/> is under way (for tests and shutdown).</summary>
    internal Task CopiedAsync(Digest digest) => _fills.TryGetValue(digest, out BlobCacheFill? fill) ? fill.Ended : Task.CompletedTask;

    /// <summary>Deletes this node's copy of a blob deleted from the store.</summary>
    public void Forget(Digest digest)
    {
        if (_entries.TryGetValue(digest, out Entry? entry))
        {
            Remove(digest, entry);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _lock.Dispose();
    }

    private async Task RunAsync(BlobCacheFill fill)
    {
        Interlocked.Increment(ref _copies);
        try
        {
            if (await fill.RunAsync(ct => _open(fill.Digest, ct), _stopping.Token))
            {
                _entries[fill.Digest] = new Entry(fill.Size) { LastUsed = Interlocked.Increment(ref _clock) };
                Interlocked.Add(ref _bytes, fill.Size);
                Evict();
            }
        }
        catch (Exception e) when (_stopping.IsCancellationRequested)
        {
            LogCopyStopped(_logger, fill.Digest.Value, e.Message);
        }
        catch (Exception e)
        {
            _bypassUntil[fill.Digest] = _time.GetUtcNow() + BypassAfterFailure;
            Interlocked.Increment(ref _copyFailures);
            TryCreateDirectories();
            LogCopyFailed(_logger, fill.Digest.Value, e);
        }
        finally
        {
            _fills.TryRemove(new KeyValuePair<Digest, BlobCacheFill>(fill.Digest, fill));
            fill.End();
        }
    }

    private void CreateDirectories()
    {
        Directory.CreateDirectory(_partial);
        Directory.CreateDirectory(Path.Combine(_blobs, "sha256"));
        Directory.CreateDirectory(Path.Combine(_blobs, "sha512"));
    }

    /// <summary>After a failed copy: recreates the directories in case they were deleted under the running process.</summary>
    private void TryCreateDirectories()
    {
        try
        {
            CreateDirectories();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // copies keep failing, and their blobs are read from the store directly
        }
    }

    private bool Bypassed(Digest digest)
    {
        if (_bypassUntil.IsEmpty || !_bypassUntil.TryGetValue(digest, out DateTimeOffset until))
        {
            return false;
        }

        if (_time.GetUtcNow() < until)
        {
            return true;
        }

        _bypassUntil.TryRemove(new KeyValuePair<Digest, DateTimeOffset>(digest, until));
        return false;
    }

    private void Evict()
    {
        lock (_evictGate)
        {
            if (Bytes <= _capacity)
            {
                return;
            }

            foreach ((Digest digest, Entry entry) in _entries.ToArray().OrderBy(e => e.Value.LastUsed))
            {
                if (Remove(digest, entry))
                {
                    Interlocked.Increment(ref _evicted);
                }

                if (Bytes <= _capacity)
                {
                    return;
                }
            }
        }
    }

    private bool Remove(Digest digest, Entry entry)
    {
        if (!_entries.TryRemove(new KeyValuePair<Digest, Entry>(digest, entry)))
        {
            return false;
        }

        Interlocked.Add(ref _bytes, -entry.Size);
        try
        {
            File.Delete(PathOf(digest)); // a client still reading it keeps its open file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(_logger, digest.Value, e.Message);
        }

        return true;
    }

    /// <summary>Indexes the copies a previous run left, oldest first, so the oldest are evicted first.</summary>
    private void Load()
    {
        var found = new List<(Digest Digest, long Size, DateTime Written)>();
        foreach (string algorithmDirectory in Directory.EnumerateDirectories(_blobs))
        {
            string algorithm = Path.GetFileName(algorithmDirectory);
            foreach (FileInfo file in new DirectoryInfo(algorithmDirectory).EnumerateFiles())
            {
                if (Digest.TryParse($"{algorithm}:{file.Name}", out Digest digest))
                {
                    found.Add((digest, file.Length, file.LastWriteTimeUtc));
                }
                else
                {
                    file.Delete();
                }
            }
        }

        foreach ((Digest digest, long size, _) in found.OrderBy(f => f.Written))
        {
            _entries[digest] = new Entry(size) { LastUsed = ++_clock };
            _bytes += size;
        }
    }

    private string PathOf(Digest digest) => Path.Combine(_blobs, digest.AlgorithmName, digest.Hex);

    private sealed class Entry(long size)
    {
        public long Size => size;

        public long LastUsed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying blob {Digest} into the read cache failed; requests for it go to the store again")]
    private static partial void LogCopyFailed(ILogger logger, string digest, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Copying blob {Digest} into the read cache stopped at shutdown: {Reason}")]
    private static partial void LogCopyStopped(ILogger logger, string digest, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the read cache's copy of {Digest}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string digest, string reason);
}
