using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.ReadCache;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// Blobs as S3 objects under <c>&lt;prefix&gt;/blobs/&lt;alg&gt;/&lt;2 hex&gt;/&lt;hex&gt;</c>, each written whole (a PUT of
/// verified bytes or a server-side copy of a verified upload), so a reader never sees a partial blob. Upload
/// sessions are S3 multipart uploads whose state is kept in S3 (<see cref="S3UploadRecord"/>): any node can take any
/// request. What this node keeps in memory (a gate per session and the running hash) only saves work.
/// </summary>
internal sealed class S3BlobStore : IBlobStore, INodeBlobCache, IDisposable
{
    private readonly ConcurrentDictionary<UploadId, S3UploadState> _sessions = new();
    private readonly S3BlobStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsClient;
    private readonly BlobReadCache? _cache;

    public S3BlobStore(IOptions<S3BlobStoreOptions> options, TimeProvider time, ILogger<S3BlobStore> logger)
        : this(options.Value, S3ClientFactory.Create(options.Value), ownsClient: true, time, logger)
    {
    }

    internal S3BlobStore(S3BlobStoreOptions options, IAmazonS3 client, bool ownsClient, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _ownsClient = ownsClient;
        Bucket = new S3Bucket(client, options);
        Keys = new S3ObjectKeys(options.Prefix);
        Records = new S3UploadRecords(Bucket, Keys, logger);
        Mover = new S3BlobMover(Bucket, options);
        if (!string.IsNullOrEmpty(options.ReadCachePath))
        {
            _cache = new BlobReadCache(options.ReadCachePath, options.ReadCacheSize, OpenReadAsync, time, logger);
        }
    }

    /// <summary>This node's read cache, or null when <see cref="S3BlobStoreOptions.ReadCachePath"/> is unset.</summary>
    internal BlobReadCache? ReadCache => _cache;

    internal S3Bucket Bucket { get; }

    internal S3ObjectKeys Keys { get; }

    internal S3UploadRecords Records { get; }

    internal S3BlobMover Mover { get; }

    internal int PartSize => _options.PartSize;

    public async ValueTask CheckAvailableAsync(CancellationToken ct)
    {
        try
        {
            await Bucket.ListOneAsync(Keys.Root + "blobs/", ct);
        }
        catch (Exception e) when (S3Errors.DescribeUnavailable(e, _options) is { } reason)
        {
            throw new StorageUnavailableException(reason, e);
        }
    }

    public async ValueTask<BlobInfo?> StatAsync(Digest digest, CancellationToken ct)
        => await Bucket.SizeAsync(Keys.Blob(digest), ct) is { } size ? new BlobInfo(digest, size) : null;

    private static readonly Digest EmptySha256 = Digest.Compute(DigestAlgorithm.Sha256, []);
    private static readonly Digest EmptySha512 = Digest.Compute(DigestAlgorithm.Sha512, []);

    public async ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken ct)
    {
        string key = Keys.Blob(digest);
        // The empty blob has no byte 0 to ask for from (S3 answers 416, s3rver 500): it is read with a plain GET.
        GetObjectResponse? response = digest == EmptySha256 || digest == EmptySha512
            ? await Bucket.GetAsync(key, 0, 0, ct)
            : await Bucket.GetWholeAsync(key, ct);
        return response is null ? null : new S3ReadStream(Bucket, key, response);
    }

    public ValueTask<CachedBlob?> OpenCachedAsync(Digest digest, long size, CancellationToken ct)
        => _cache is null ? ValueTask.FromResult<CachedBlob?>(null) : _cache.OpenAsync(digest, size, ct);

    public NodeBlobCacheUsage? Usage => _cache?.Usage;

    public async ValueTask<Uri?> GetRedirectUriAsync(Digest digest, TimeSpan ttl, CancellationToken ct)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = Keys.Blob(digest),
            Verb = HttpVerb.GET,
            Expires = _time.GetUtcNow().Add(ttl).UtcDateTime,
            Protocol = _options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        return new Uri(await Bucket.Client.GetPreSignedURLAsync(request));
    }

    public async ValueTask<BlobInfo> PutAsync(Digest digest, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (Digest.Compute(digest.Algorithm, content.Span) != digest)
        {
            throw new ArgumentException($"Content does not hash to {digest}.", nameof(digest));
        }

        string key = Keys.Blob(digest);
        if (await Bucket.SizeAsync(key, ct) is null)
        {
            MemoryStream stream = MemoryMarshal.TryGetArray(content, out ArraySegment<byte> array)
                ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            await Bucket.PutAsync(key, stream, ct);
        }

        return new BlobInfo(digest, content.Length);
    }

    public ValueTask<IUploadSession> StartUploadAsync(CancellationToken ct) => StartUploadAsync(DigestAlgorithm.Sha256, ct);

    public async ValueTask<IUploadSession> StartUploadAsync(DigestAlgorithm algorithm, CancellationToken ct)
    {
        UploadId id = UploadId.New();
        var record = new S3UploadRecord { Writer = S3UploadRecord.NewWriter() };
        await Records.SaveAsync(id, record, ct);
        var state = new S3UploadState(algorithm) { HashWriter = record.Writer };
        state.Gate.Wait(0, CancellationToken.None);
        _sessions[id] = state;
        return new S3UploadSession(this, id, state, record);
    }

    public async ValueTask<IUploadSession?> ResumeUploadAsync(UploadId id, CancellationToken ct)
    {
        S3UploadState state = _sessions.GetOrAdd(id, static _ => new S3UploadState());
        await state.Gate.WaitAsync(ct);
        S3UploadRecord? record = null;
        bool forgotten = false;
        try
        {
            if (!state.Closed)
            {
                record = await Records.LoadAsync(id, ct);
                if (record is null)
                {
                    Forget(id, state); // finished or purged elsewhere, or never started
                    forgotten = true;
                }
            }
        }
        catch
        {
            state.Gate.Release();
            throw;
        }

        if (record is null)
        {
            state.Gate.Release();
            if (forgotten)
            {
                state.Dispose();
            }

            return null;
        }

        if (state.HashWriter != record.Writer)
        {
            state.HashWriter = null; // another node wrote since; this node's hash no longer covers the bytes
        }

        return new S3UploadSession(this, id, state, record);
    }

    public ValueTask<int> PurgeUploadsAsync(DateTimeOffset olderThan, CancellationToken ct)
        => new S3UploadPurger(this).PurgeAsync(olderThan, ct);

    public async ValueTask<bool> DeleteAsync(Digest digest, CancellationToken ct)
    {
        string key = Keys.Blob(digest);
        if (await Bucket.SizeAsync(key, ct) is null)
        {
            return false;
        }

        await Bucket.DeleteAsync(key, ct);
        _cache?.Forget(digest);
        return true;
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        string prefix = Keys.Root + "blobs/";
        await foreach (S3Object item in Bucket.ListAsync(prefix, ct))
        {
            if (BlobAddress.TryParse(item.Key.AsSpan(prefix.Length), out Digest digest))
            {
                yield return new StoredBlob(digest, item.Size ?? 0, S3UploadPurger.ToOffset(item.LastModified));
            }
        }
    }

    public void Dispose()
    {
        _cache?.Dispose();
        if (_ownsClient)
        {
            Bucket.Client.Dispose();
        }
    }

    /// <summary>Takes the local gate of a session for the purge without waiting; false while a request holds it.</summary>
    internal bool TryClaimIdle(UploadId id, out S3UploadState? state)
    {
        if (!_sessions.TryGetValue(id, out state))
        {
            return true;
        }

        return state.Gate.Wait(0, CancellationToken.None);
    }

    internal void Forget(UploadId id, S3UploadState state)
    {
        state.Closed = true;
        _sessions.TryRemove(new KeyValuePair<UploadId, S3UploadState>(id, state));
    }

    /// <summary>Hashes an assembled upload by reading it back; <paramref name="key"/> null is the empty upload.</summary>
    internal async ValueTask<Digest> HashObjectAsync(string? key, long length, DigestAlgorithm algorithm, CancellationToken ct)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(Digest.HashName(algorithm));
        if (key is not null)
        {
            using GetObjectResponse response = await Bucket.GetWholeAsync(key, ct)
                ?? throw new InvalidDataException($"Upload object {key} is missing.");
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                long total = 0;
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    total += read;
                }

                if (total != length)
                {
                    throw new InvalidDataException($"Upload object {key} has {total} bytes; the session has {length}.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return Digest.FromHash(algorithm, hash.GetCurrentHash());
    }

    /// <summary>Sends the tail object (under 5 MiB) as the last part of a multipart upload, which may be that small.</summary>
    internal async ValueTask<S3UploadPart> UploadTailAsLastPartAsync(string tailKey, long tailLength, string dataKey, string uploadId, int number, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(S3BlobStoreOptions.MinimumPartSize);
        try
        {
            int read = await Bucket.ReadIntoAsync(tailKey, buffer, ct);
            if (read != tailLength)
            {
                throw new InvalidDataException($"Tail object {tailKey} has {read} bytes; the record says {tailLength}.");
            }

            string etag = await Bucket.UploadPartAsync(dataKey, uploadId, number, buffer, read, ct);
            return new S3UploadPart(number, etag, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
