using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Amazon.S3;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// One request's hold on an upload session whose state lives in S3 (see <see cref="S3UploadRecord"/>). Each append
/// ends by saving the record, so the next request may go to any node. The digest is taken from the running sha256
/// when this node wrote every byte of the session; otherwise (another node, a restart, sha512) the session is
/// assembled into its data object and read back once.
/// </summary>
internal sealed class S3UploadSession(S3BlobStore store, UploadId id, S3UploadState state, S3UploadRecord record) : IUploadSession
{
    private S3UploadRecord _record = record;
    private bool _ended;
    private bool _released;

    public UploadId Id => id;

    public long Length => _record.Length;

    public async ValueTask<long> AppendAsync(PipeReader body, CancellationToken ct)
    {
        ThrowIfEnded();
        S3UploadRecord next = _record.Clone();
        bool hashing = state.HashWriter == _record.Writer;
        ExceptionDispatchInfo? bodyError = null;
        using var writer = new S3UploadWriter(store.Bucket, store.Keys, id, next, store.PartSize);
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await body.ReadAsync(ct);
                }
                catch (Exception e)
                {
                    bodyError = ExceptionDispatchInfo.Capture(e);
                    break;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    if (segment.IsEmpty)
                    {
                        continue;
                    }

                    if (!writer.Started)
                    {
                        await writer.StartAsync(ct);
                    }

                    if (hashing)
                    {
                        state.Hash.AppendData(segment.Span);
                    }

                    await writer.WriteAsync(segment, ct);
                }

                body.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            if (writer.Started)
            {
                // Whatever arrived before the body broke is kept, so the client can resume after it; the request's
                // token is likely cancelled by then, so the last writes go without it.
                CancellationToken saveToken = bodyError is null ? ct : CancellationToken.None;
                await writer.FinishAsync(saveToken);
                await SaveAsync(next, hashing, saveToken);
            }
        }
        catch
        {
            state.HashWriter = null; // the hash may cover bytes that were not stored
            throw;
        }

        bodyError?.Throw();
        return _record.Length;
    }

    public async ValueTask<CommitResult> CommitAsync(Digest expected, CancellationToken ct)
    {
        ThrowIfEnded();
        bool trusted = expected.Algorithm == state.Algorithm && state.HashWriter == _record.Writer;
        Digest actual;
        if (trusted)
        {
            actual = Digest.FromHash(state.Algorithm, state.Hash.GetCurrentHash());
            if (actual != expected)
            {
                return CommitResult.Mismatch(actual); // nothing was changed
            }
        }

        string? source = await AssembleAsync(ct);
        if (!trusted)
        {
            actual = await store.HashObjectAsync(source, _record.Length, expected.Algorithm, ct);
            if (actual != expected)
            {
                return CommitResult.Mismatch(actual); // the session stays, assembled
            }
        }

        long length = _record.Length;
        await store.Mover.MoveIntoPlaceAsync(source, length, store.Keys.Blob(expected), ct);
        await store.Records.EndAsync(id, _record, ct);
        MarkEnded();
        return CommitResult.Committed(new BlobInfo(expected, length));
    }

    public async ValueTask CancelAsync(CancellationToken ct)
    {
        if (_ended)
        {
            return;
        }

        await store.Records.EndAsync(id, _record, ct);
        MarkEnded();
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
    /// Puts every byte of the session into one object and returns its key (null for an empty session): the tail
    /// object when there are no parts, else the data object the multipart upload completes into.
    /// </summary>
    private async ValueTask<string?> AssembleAsync(CancellationToken ct)
    {
        if (_record.Assembled)
        {
            return store.Keys.Data(id);
        }

        if (_record.MultipartUploadId is not { } uploadId)
        {
            return _record.TailKey;
        }

        S3UploadRecord next = _record.Clone();
        string dataKey = store.Keys.Data(id);
        try
        {
            if (next.TailKey is { } tail)
            {
                next.Parts.Add(await store.UploadTailAsLastPartAsync(tail, next.TailLength, dataKey, uploadId, next.Parts.Count + 1, ct));
            }

            await store.Bucket.CompleteMultipartAsync(dataKey, uploadId, next.Parts, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // An earlier commit may have completed the upload and then failed to record that.
            if (await store.Bucket.SizeAsync(dataKey, ct) != _record.Length)
            {
                throw;
            }
        }

        next.Assembled = true;
        next.MultipartUploadId = null;
        next.Parts = [];
        next.TailKey = null;
        next.TailLength = 0;
        await SaveAsync(next, state.HashWriter == _record.Writer, ct);
        return dataKey;
    }

    /// <summary>Stores the new record; the running hash stays trusted only if it was and the save succeeded.</summary>
    private async ValueTask SaveAsync(S3UploadRecord next, bool hashTrusted, CancellationToken ct)
    {
        next.Writer = S3UploadRecord.NewWriter();
        await store.Records.SaveAsync(id, next, ct);
        state.HashWriter = hashTrusted ? next.Writer : null;
        S3UploadRecord previous = _record;
        _record = next;
        if (previous.TailKey is { } oldTail && oldTail != next.TailKey)
        {
            await store.Bucket.TryDeleteAsync(oldTail, ct);
        }
    }

    private void MarkEnded()
    {
        _ended = true;
        store.Forget(id, state);
    }

    private void ThrowIfEnded()
    {
        if (_ended)
        {
            throw new InvalidOperationException($"Upload session {id} has ended.");
        }
    }
}
