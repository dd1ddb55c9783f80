using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.FileSystem;

/// <summary>
/// Blobs as files under <c>blobs/&lt;alg&gt;/&lt;2 hex&gt;/&lt;hex&gt;</c>. A blob appears there only by an atomic rename of a
/// fully written, fsynced and verified upload file, so a reader never sees a partial blob.
/// </summary>
internal sealed class FileSystemBlobStore : IBlobStore, ILocalBlobFiles
{
    private readonly string _blobRoot;
    private readonly string _uploadRoot;
    private readonly ConcurrentDictionary<UploadId, UploadState> _sessions = new();

    public FileSystemBlobStore(IOptions<FileSystemBlobStoreOptions> options)
    {
        string root = Path.GetFullPath(options.Value.RootDirectory);
        _blobRoot = Path.Combine(root, "blobs");
        _uploadRoot = Path.Combine(root, "uploads");
        Directory.CreateDirectory(_blobRoot);
        Directory.CreateDirectory(_uploadRoot);
    }

    public string? GetFilePath(Digest digest)
    {
        string path = BlobPath(digest);
        return File.Exists(path) ? path : null;
    }

    public ValueTask CheckAvailableAsync(CancellationToken ct)
        => Directory.Exists(_blobRoot)
            ? ValueTask.CompletedTask
            : throw new StorageUnavailableException($"the blob directory {_blobRoot} does not exist any more");

    public ValueTask<BlobInfo?> StatAsync(Digest digest, CancellationToken ct)
    {
        var file = new FileInfo(BlobPath(digest));
        return ValueTask.FromResult(file.Exists ? new BlobInfo(digest, file.Length) : null);
    }

    public ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken ct)
    {
        try
        {
            Stream stream = new FileStream(BlobPath(digest), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
            return ValueTask.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ValueTask.FromResult<Stream?>(null);
        }
    }

    public ValueTask<Uri?> GetRedirectUriAsync(Digest digest, TimeSpan ttl, CancellationToken ct) => ValueTask.FromResult<Uri?>(null);

    public async ValueTask<BlobInfo> PutAsync(Digest digest, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (Digest.Compute(digest.Algorithm, content.Span) != digest)
        {
            throw new ArgumentException($"Content does not hash to {digest}.", nameof(digest));
        }

        string target = BlobPath(digest);
        if (!File.Exists(target))
        {
            string temp = Path.Combine(_uploadRoot, UploadId.New().Value + ".put");
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
                {
                    await file.WriteAsync(content, ct);
                    file.Flush(flushToDisk: true);
                }

                MoveIntoPlace(temp, target);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        return new BlobInfo(digest, content.Length);
    }

    public ValueTask<IUploadSession> StartUploadAsync(CancellationToken ct) => StartUploadAsync(DigestAlgorithm.Sha256, ct);

    public ValueTask<IUploadSession> StartUploadAsync(DigestAlgorithm algorithm, CancellationToken ct)
    {
        UploadId id = UploadId.New();
        using (File.Create(UploadPath(id), 1, FileOptions.None))
        {
        }

        var state = new UploadState(algorithm);
        state.Gate.Wait(ct);
        _sessions[id] = state;
        return ValueTask.FromResult<IUploadSession>(new FileSystemUploadSession(this, id, state));
    }

    public async ValueTask<IUploadSession?> ResumeUploadAsync(UploadId id, CancellationToken ct)
    {
        string path = UploadPath(id);
        if (!File.Exists(path))
        {
            return null;
        }

        // A session this node has not seen (started elsewhere, or before a restart): rebuild its hash from the data.
        UploadState state = _sessions.GetOrAdd(id, static _ => new UploadState { Length = -1 });
        await state.Gate.WaitAsync(ct);
        if (state.Closed || !File.Exists(path))
        {
            state.Gate.Release();
            return null;
        }

        if (state.Length < 0)
        {
            await RehashAsync(path, state, ct);
        }

        return new FileSystemUploadSession(this, id, state);
    }

    public ValueTask<int> PurgeUploadsAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(_uploadRoot))
        {
            ct.ThrowIfCancellationRequested();
            if (File.GetLastWriteTimeUtc(path) >= olderThan.UtcDateTime)
            {
                continue;
            }

            string name = Path.GetFileNameWithoutExtension(path);
            if (UploadId.TryParse(name, out UploadId id) && _sessions.TryGetValue(id, out UploadState? state))
            {
                if (!state.Gate.Wait(0))
                {
                    continue; // a request is using it right now
                }

                state.Closed = true;
                _sessions.TryRemove(id, out _);
                state.Gate.Release();
            }

            File.Delete(path);
            removed++;
        }

        return ValueTask.FromResult(removed);
    }

    public ValueTask<bool> DeleteAsync(Digest digest, CancellationToken ct)
    {
        string path = BlobPath(digest);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(false);
        }

        File.Delete(path);
        return ValueTask.FromResult(true);
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        foreach (string algorithmDirectory in Directory.EnumerateDirectories(_blobRoot))
        {
            foreach (string folder in Directory.EnumerateDirectories(algorithmDirectory))
            {
                ct.ThrowIfCancellationRequested();
                foreach (string path in Directory.EnumerateFiles(folder))
                {
                    // Only files named by their digest; anything else (a stray temp file) is not a blob.
                    if (!BlobAddress.TryParse(Path.GetFileName(algorithmDirectory), Path.GetFileName(folder), Path.GetFileName(path), out Digest digest))
                    {
                        continue;
                    }

                    var file = new FileInfo(path);
                    if (file.Exists)
                    {
                        yield return new StoredBlob(digest, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
                    }
                }
            }
        }
    }

    internal string UploadPath(UploadId id) => Path.Combine(_uploadRoot, id.Value);

    internal string BlobPath(Digest digest)
    {
        string hex = digest.Hex;
        return Path.Combine(_blobRoot, digest.AlgorithmName, hex[..2], hex);
    }

    /// <summary>Renames a durable file to its content address; an existing blob with that digest is identical.</summary>
    internal static void MoveIntoPlace(string source, string target)
    {
        string directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        if (File.Exists(target))
        {
            File.Delete(source);
            return;
        }

        try
        {
            File.Move(source, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same content won the race; its bytes are the same.
            File.Delete(source);
            return;
        }

        LinuxFileSync.FlushDirectory(directory);
    }

    internal void Forget(UploadId id, UploadState state)
    {
        state.Closed = true;
        _sessions.TryRemove(new KeyValuePair<UploadId, UploadState>(id, state));
    }

    private static async ValueTask RehashAsync(string path, UploadState state, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long total = 0;
            int read;
            while ((read = await file.ReadAsync(buffer, ct)) > 0)
            {
                state.Hash.AppendData(buffer, 0, read);
                total += read;
            }

            state.Length = total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
