using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.FileSystem;

/// <summary>
/// One request's hold on an upload session. The body's bytes are written at the file's end in gathered writes of
/// at least 256 KiB (or what is left at the end) and hashed as they are written; the file and the running hash
/// always cover exactly <see cref="Length"/> bytes.
/// </summary>
internal sealed class FileSystemUploadSession(FileSystemBlobStore store, UploadId id, UploadState state) : IUploadSession
{
    private const int MinimumWrite = 256 * 1024;
    private bool _released;

    public UploadId Id => id;

    public long Length => state.Length;

    public async ValueTask<long> AppendAsync(PipeReader body, CancellationToken ct)
    {
        using SafeFileHandle handle = File.OpenHandle(store.UploadPath(id), FileMode.Open, FileAccess.Write, FileShare.Read);
        var segments = new List<ReadOnlyMemory<byte>>(64);
        while (true)
        {
            ReadResult result = await body.ReadAsync(ct);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool ended = result.IsCompleted || result.IsCanceled;
            if (buffer.Length >= MinimumWrite || (ended && !buffer.IsEmpty))
            {
                // Whatever arrived is written, even when the body breaks later: the session stays resumable.
                WriteSegments(handle, buffer, segments);
                body.AdvanceTo(buffer.End);
            }
            else
            {
                // Too little to be worth a system call: leave it in the pipe until more arrives.
                body.AdvanceTo(buffer.Start, buffer.End);
            }

            if (ended)
            {
                return state.Length;
            }
        }
    }

    public async ValueTask<CommitResult> CommitAsync(Digest expected, CancellationToken ct)
    {
        string path = store.UploadPath(id);
        Digest actual = expected.Algorithm == state.Algorithm
            ? Digest.FromHash(state.Algorithm, state.Hash.GetCurrentHash())
            : await HashFileAsync(path, expected.Algorithm, ct);
        if (actual != expected)
        {
            return CommitResult.Mismatch(actual);
        }

        using (SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        using (var stream = new FileStream(handle, FileAccess.ReadWrite, 0))
        {
            stream.Flush(flushToDisk: true);
        }

        FileSystemBlobStore.MoveIntoPlace(path, store.BlobPath(expected));
        long length = state.Length;
        store.Forget(id, state);
        return CommitResult.Committed(new BlobInfo(expected, length));
    }

    public ValueTask CancelAsync(CancellationToken ct)
    {
        store.Forget(id, state);
        File.Delete(store.UploadPath(id));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!_released)
        {
            _released = true;
            bool closed = state.Closed;
            state.Gate.Release();
            if (closed)
            {
                state.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// One gathered write (pwritev) of the pipe's segments at the session's end, then the hash over the same bytes;
    /// the request's buffers are written as they are, without copying them into a block first.
    /// </summary>
    private void WriteSegments(SafeFileHandle handle, ReadOnlySequence<byte> buffer, List<ReadOnlyMemory<byte>> segments)
    {
        segments.Clear();
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            if (!segment.IsEmpty)
            {
                segments.Add(segment);
            }
        }

        try
        {
            RandomAccess.Write(handle, segments, state.Length);
        }
        catch
        {
            // Keep file and hash in step: drop whatever part of these bytes reached the file.
            RandomAccess.SetLength(handle, state.Length);
            throw;
        }

        foreach (ReadOnlyMemory<byte> segment in segments)
        {
            state.Hash.AppendData(segment.Span);
        }

        LinuxFileSync.StartWriteback(handle, state.Length, buffer.Length);
        state.Length += buffer.Length;
    }

    private static async ValueTask<Digest> HashFileAsync(string path, DigestAlgorithm algorithm, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        byte[] hash = await (algorithm == DigestAlgorithm.Sha256 ? SHA256.HashDataAsync(file, ct) : SHA512.HashDataAsync(file, ct));
        return Digest.FromHash(algorithm, hash);
    }
}
