using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.FileSystem;

/// <summary>
/// One request's hold on an upload session. Bytes are gathered into a pooled 1 MiB block, hashed and written at
/// the file's end; the file and the running hash always cover exactly <see cref="Length"/> bytes.
/// </summary>
internal sealed class FileSystemUploadSession(FileSystemBlobStore store, UploadId id, UploadState state) : IUploadSession
{
    private const int BlockSize = 1 << 20;
    private bool _released;

    public UploadId Id => id;

    public long Length => state.Length;

    public async ValueTask<long> AppendAsync(PipeReader body, CancellationToken ct)
    {
        using SafeFileHandle handle = File.OpenHandle(store.UploadPath(id), FileMode.Open, FileAccess.Write, FileShare.Read);
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        int filled = 0;
        try
        {
            while (true)
            {
                ReadResult result = await body.ReadAsync(ct);
                ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    ReadOnlySpan<byte> span = segment.Span;
                    while (!span.IsEmpty)
                    {
                        int take = Math.Min(span.Length, block.Length - filled);
                        span[..take].CopyTo(block.AsSpan(filled));
                        filled += take;
                        span = span[take..];
                        if (filled == block.Length)
                        {
                            WriteBlock(handle, block.AsSpan(0, filled));
                            filled = 0;
                        }
                    }
                }

                body.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        finally
        {
            // Whatever arrived before the body ended (or broke) is kept: the session stays resumable.
            if (filled > 0)
            {
                WriteBlock(handle, block.AsSpan(0, filled));
            }

            ArrayPool<byte>.Shared.Return(block);
        }

        return state.Length;
    }

    public async ValueTask<CommitResult> CommitAsync(Digest expected, CancellationToken ct)
    {
        string path = store.UploadPath(id);
        Digest actual = expected.Algorithm == DigestAlgorithm.Sha256
            ? Digest.FromHash(DigestAlgorithm.Sha256, state.Hash.GetCurrentHash())
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

    private void WriteBlock(SafeFileHandle handle, ReadOnlySpan<byte> data)
    {
        try
        {
            RandomAccess.Write(handle, data, state.Length);
        }
        catch
        {
            // Keep file and hash in step: drop whatever part of this block reached the file.
            RandomAccess.SetLength(handle, state.Length);
            throw;
        }

        LinuxFileSync.StartWriteback(handle, state.Length, data.Length);
        state.Hash.AppendData(data);
        state.Length += data.Length;
    }

    private static async ValueTask<Digest> HashFileAsync(string path, DigestAlgorithm algorithm, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        byte[] hash = await (algorithm == DigestAlgorithm.Sha256 ? SHA256.HashDataAsync(file, ct) : SHA512.HashDataAsync(file, ct));
        return Digest.FromHash(algorithm, hash);
    }
}
