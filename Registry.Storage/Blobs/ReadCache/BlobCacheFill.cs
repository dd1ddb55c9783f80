using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Registry.Core.Primitives;

namespace Registry.Storage.Blobs.ReadCache;

/// <summary>
/// One copy of a blob from the store into the node's read cache (<see cref="BlobReadCache"/>): the bytes go to a
/// partial file as they arrive and are hashed on the way; every client asking for the blob meanwhile follows that
/// file (<see cref="BlobCacheFillStream"/>). Until every byte arrived and they hash to the digest, the last byte is
/// held back, so no client receives a complete response for bytes that turn out not to match. The verified file is
/// flushed to disk and renamed into the cache; a copy that fails is deleted and its followers' reads fail.
/// </summary>
internal sealed class BlobCacheFill(Digest digest, long size, string partialPath, string finalPath)
{
    private readonly string _partialPath = partialPath;

    /// <summary>Followers are woken when this many bytes arrived since the last wake, or at the end.</summary>
    private const int WakeEveryBytes = 512 * 1024;

    private const int BufferSize = 1024 * 1024;

    private readonly object _gate = new();
    private readonly TaskCompletionSource<bool> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _readPath = partialPath;
    private long _written;
    private long _signalledAt;
    private volatile bool _verified;
    private volatile Exception? _failure;

    public Digest Digest => digest;

    /// <summary>The blob's size, as the metadata recorded it; the store must send exactly this many bytes.</summary>
    public long Size => size;

    /// <summary>True once the store answered with the blob's bytes, false when it does not have the blob.</summary>
    public Task<bool> Started => _started.Task;

    /// <summary>Completes when the cache is done with this copy: indexed, or thrown away.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Called by the cache once it indexed the copy or gave it up.</summary>
    public void End() => _ended.TrySetResult();

    /// <summary>Why the copy failed, or null while it runs or once it succeeded.</summary>
    public Exception? Failure => _failure;

    /// <summary>How many bytes followers may read: all once verified, otherwise all but the last byte.</summary>
    public long Readable
    {
        get
        {
            bool verified = _verified;
            long written = Volatile.Read(ref _written);
            return verified ? written : Math.Min(written, size - 1);
        }
    }

    /// <summary>Opens the copy for reading, or null when it failed or its file is already gone.</summary>
    public SafeFileHandle? OpenReader()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return null;
            }

            try
            {
                return File.OpenHandle(_readPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                return null; // renamed into the cache and evicted since: the caller looks again
            }
        }
    }

    /// <summary>Completes when more than <paramref name="position"/> bytes are readable or the copy ended.</summary>
    public Task WaitAsync(long position, CancellationToken ct)
    {
        Task next;
        lock (_gate)
        {
            if (_verified || _failure is not null || Readable > position)
            {
                return Task.CompletedTask;
            }

            next = _progress.Task;
        }

        return next.WaitAsync(ct);
    }

    /// <summary>
    /// Copies the blob from <paramref name="open"/> into the cache; true when the verified file is in place, false
    /// when the store does not have the blob. Failures are recorded for the followers and rethrown.
    /// </summary>
    public async Task<bool> RunAsync(Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct)
    {
        SafeFileHandle? writer = null;
        try
        {
            await using Stream? source = await open(ct);
            if (source is null)
            {
                _started.TrySetResult(false);
                return false;
            }

            writer = File.OpenHandle(_partialPath, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _started.TrySetResult(true);
            await CopyAsync(source, writer, ct);
            RandomAccess.FlushToDisk(writer);
            writer.Dispose();
            writer = null;
            lock (_gate)
            {
                File.Move(_partialPath, finalPath, overwrite: true);
                _readPath = finalPath;
            }

            return true;
        }
        catch (Exception e)
        {
            writer?.Dispose();
            Fail(e);
            throw;
        }
    }

    private async Task CopyAsync(Stream source, SafeFileHandle writer, CancellationToken ct)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(Digest.HashName(digest.Algorithm));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long at = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                if (at + read > size)
                {
                    throw new InvalidDataException($"The store sent more than the {size} bytes recorded for {digest}.");
                }

                hash.AppendData(buffer, 0, read);
                RandomAccess.Write(writer, buffer.AsSpan(0, read), at); // lands in the page cache, where followers read it
                at += read;
                Appended(at);
            }

            if (at != size)
            {
                throw new InvalidDataException($"The store sent {at} bytes of {digest}; {size} are recorded.");
            }

            if (Digest.FromHash(digest.Algorithm, hash.GetCurrentHash()) != digest)
            {
                throw new InvalidDataException($"The bytes the store holds for {digest} do not hash to it.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Wake(() => _verified = true);
    }

    private void Appended(long at)
    {
        bool wake;
        lock (_gate)
        {
            Volatile.Write(ref _written, at);
            wake = at - _signalledAt >= WakeEveryBytes || _signalledAt == 0;
            if (wake)
            {
                _signalledAt = at;
            }
        }

        if (wake)
        {
            Wake(() => { });
        }
    }

    private void Fail(Exception error)
    {
        _started.TrySetException(error);
        Wake(() =>
        {
            _failure = error;
            try
            {
                File.Delete(_partialPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // swept with the other partial files at the next start
            }
        });
    }

    private void Wake(Action change)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            change();
            woken = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }
}
