using System.Buffers;
using System.Text.Json;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.S3;

/// <summary>Reads, writes and ends upload sessions as they are kept in S3.</summary>
internal sealed partial class S3UploadRecords(S3Bucket bucket, S3ObjectKeys keys, ILogger logger)
{
    private const int MaxRecordSize = 4 * 1024 * 1024; // 10,000 parts of about 80 bytes each, with room to spare

    /// <summary>The session's record, or null when the session is unknown or has ended.</summary>
    public async ValueTask<S3UploadRecord?> LoadAsync(UploadId id, CancellationToken ct)
    {
        using GetObjectResponse? response = await bucket.GetAsync(keys.Session(id), 0, 0, ct);
        if (response is null)
        {
            return null;
        }

        if (response.ContentLength > MaxRecordSize)
        {
            throw new InvalidDataException($"Upload session record {keys.Session(id)} is {response.ContentLength} bytes.");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)response.ContentLength);
        try
        {
            int length = (int)response.ContentLength;
            await response.ResponseStream.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), S3JsonContext.Default.S3UploadRecord)
                ?? throw new InvalidDataException($"Upload session record {keys.Session(id)} is empty.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Replaces the session's record. Two nodes serving one session at the same time (clients do not do that) would
    /// overwrite each other's record here, last writer wins; a part one of them overwrote no longer matches the
    /// recorded ETag, so S3 refuses to complete the multipart upload instead of storing mixed bytes, and a node whose
    /// record was replaced stops trusting its running hash. Neither node can then finish the session.
    /// </summary>
    public async ValueTask SaveAsync(UploadId id, S3UploadRecord record, CancellationToken ct)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, S3JsonContext.Default.S3UploadRecord);
        await bucket.PutAsync(keys.Session(id), json, json.Length, ct);
    }

    /// <summary>
    /// Ends a session: first its record (so no node resumes it), then its multipart upload and temporary objects.
    /// Safe to repeat; whatever a failure leaves behind is found again by the purge.
    /// </summary>
    public async ValueTask EndAsync(UploadId id, S3UploadRecord? record, CancellationToken ct)
    {
        await bucket.DeleteAsync(keys.Session(id), ct);
        if (record?.MultipartUploadId is { } uploadId && !await bucket.AbortMultipartAsync(keys.Data(id), uploadId, ct))
        {
            LogAbortUnsupported(logger, id.Value);
        }

        await foreach (S3Object item in bucket.ListAsync(keys.UploadFolder(id), ct))
        {
            await bucket.DeleteAsync(item.Key, ct);
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "The S3 server does not implement AbortMultipartUpload; the parts of upload {UploadId} stay until a bucket lifecycle rule removes them")]
    private static partial void LogAbortUnsupported(ILogger logger, string uploadId);
}
