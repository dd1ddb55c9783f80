using System.Buffers;
using Amazon.S3.Model;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// Gathers one request's bytes into a single pooled part-sized buffer and sends each full buffer as the next part of
/// the session's multipart upload (created with the first part). What is left at the end becomes a part when S3
/// would take it (5 MiB or more), else the session's tail object, which the next request, on any node, reads back
/// into its buffer first. Updates <paramref name="record"/> as it goes; the caller saves it.
/// </summary>
internal sealed class S3UploadWriter(S3Bucket bucket, S3ObjectKeys keys, UploadId id, S3UploadRecord record, int partSize) : IDisposable
{
    private const int MaxParts = 10_000;

    private byte[]? _buffer;
    private int _filled;

    public bool Started => _buffer is not null;

    /// <summary>Takes the buffer and puts the bytes that are not yet in parts into it.</summary>
    public async ValueTask StartAsync(CancellationToken ct)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(partSize);
        if (record.Assembled)
        {
            await ReopenAssembledAsync(ct);
        }
        else if (record.TailKey is { } tail)
        {
            int read = await bucket.ReadIntoAsync(tail, _buffer, ct);
            if (read != record.TailLength)
            {
                throw new InvalidDataException($"Upload {id}: tail object {tail} has {read} bytes, the record says {record.TailLength}.");
            }

            _filled = read;
            record.TailKey = null;
            record.TailLength = 0;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        byte[] buffer = _buffer ?? throw new InvalidOperationException("StartAsync first.");
        while (!data.IsEmpty)
        {
            int take = Math.Min(data.Length, partSize - _filled);
            data.Span[..take].CopyTo(buffer.AsSpan(_filled));
            _filled += take;
            record.Length += take;
            data = data[take..];
            if (_filled == partSize)
            {
                await FlushPartAsync(ct);
            }
        }
    }

    /// <summary>Stores what the buffer still holds, as a part or as the new tail object.</summary>
    public async ValueTask FinishAsync(CancellationToken ct)
    {
        if (_filled >= S3BlobStoreOptions.MinimumPartSize)
        {
            await FlushPartAsync(ct);
        }
        else if (_filled > 0)
        {
            string key = keys.NewTail(id);
            await bucket.PutAsync(key, _buffer!, _filled, ct);
            record.TailKey = key;
            record.TailLength = _filled;
            _filled = 0;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask FlushPartAsync(CancellationToken ct)
    {
        int number = record.Parts.Count + 1;
        if (number > MaxParts)
        {
            throw new InvalidOperationException($"Upload {id} exceeds S3's {MaxParts} parts of {partSize} bytes; raise PartSize.");
        }

        string key = keys.Data(id);
        record.MultipartUploadId ??= await bucket.CreateMultipartAsync(key, ct);
        string etag = await bucket.UploadPartAsync(key, record.MultipartUploadId, number, _buffer!, _filled, ct);
        record.Parts.Add(new S3UploadPart(number, etag, _filled));
        _filled = 0;
    }

    /// <summary>
    /// The session was assembled into its data object (to check a digest that then did not match) and more bytes
    /// arrive: copy the data object into a new multipart upload through the buffer, then go on as usual. Rare.
    /// </summary>
    private async ValueTask ReopenAssembledAsync(CancellationToken ct)
    {
        long expected = record.Length;
        record.Assembled = false;
        record.Length = 0;
        record.MultipartUploadId = null;
        record.Parts = [];
        using GetObjectResponse response = await bucket.GetAsync(keys.Data(id), 0, 0, ct)
            ?? throw new InvalidDataException($"Upload {id}: its data object is missing.");
        byte[] buffer = _buffer!;
        int read;
        while ((read = await response.ResponseStream.ReadAsync(buffer.AsMemory(_filled, partSize - _filled), ct)) > 0)
        {
            _filled += read;
            record.Length += read;
            if (_filled == partSize)
            {
                await FlushPartAsync(ct);
            }
        }

        if (record.Length != expected)
        {
            throw new InvalidDataException($"Upload {id}: its data object has {record.Length} bytes, the record says {expected}.");
        }
    }
}
