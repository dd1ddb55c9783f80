using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// The few S3 calls the store makes, against one bucket, with the options every write needs: server-side encryption,
/// and no aws-chunked framing (some S3-compatible servers store that framing inside the object).
/// </summary>
internal sealed class S3Bucket(IAmazonS3 client, S3BlobStoreOptions options)
{
    private readonly ServerSideEncryptionMethod? _encryption = string.IsNullOrEmpty(options.ServerSideEncryption)
        ? null
        : new ServerSideEncryptionMethod(options.ServerSideEncryption);

    private readonly string? _kmsKeyId = string.IsNullOrEmpty(options.KmsKeyId) ? null : options.KmsKeyId;

    public IAmazonS3 Client => client;

    public string Name => options.Bucket;

    public ValueTask<string> PutAsync(string key, byte[] buffer, int count, CancellationToken ct)
        => PutAsync(key, new MemoryStream(buffer, 0, count, writable: false), ct);

    /// <summary>Writes a small object whole; <paramref name="content"/> must be seekable with a known length.</summary>
    public async ValueTask<string> PutAsync(string key, Stream content, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = true,
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
            ServerSideEncryptionMethod = _encryption,
            ServerSideEncryptionKeyManagementServiceKeyId = _kmsKeyId,
        };
        PutObjectResponse response = await client.PutObjectAsync(request, ct);
        return response.ETag;
    }

    /// <summary>The object's size, or null when it does not exist.</summary>
    public async ValueTask<long?> SizeAsync(string key, CancellationToken ct)
    {
        try
        {
            GetObjectMetadataResponse response = await client.GetObjectMetadataAsync(options.Bucket, key, ct);
            return response.ContentLength;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Starts a GET of the object from <paramref name="offset"/> to its end, or null when it does not exist.</summary>
    public async ValueTask<GetObjectResponse?> GetAsync(string key, long offset, long length, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = options.Bucket, Key = key };
        if (offset > 0)
        {
            request.ByteRange = new ByteRange(offset, length - 1);
        }

        try
        {
            return await client.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Starts a GET of a whole blob as the range <c>bytes=0-</c>, or null when it does not exist. For a plain GET of
    /// an object whose ETag is an MD5 (one written in a single PUT or a copy) the SDK hashes every byte with MD5 on
    /// the way to the reader, about a CPU-second per 1.5 GB; a ranged GET is passed through as it arrives. The bytes
    /// are named by their digest already, and pulling clients check it. An empty object has no byte 0: S3 answers 416
    /// and it is read with a plain GET.
    /// </summary>
    public async ValueTask<GetObjectResponse?> GetWholeAsync(string key, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = options.Bucket, Key = key, ByteRange = new ByteRange("bytes=0-") };
        try
        {
            return await client.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return await GetAsync(key, 0, 0, ct);
        }
    }

    /// <summary>Reads a small object whole into <paramref name="buffer"/>; returns the byte count, or -1 when absent.</summary>
    public async ValueTask<int> ReadIntoAsync(string key, byte[] buffer, CancellationToken ct)
    {
        using GetObjectResponse? response = await GetAsync(key, 0, 0, ct);
        if (response is null)
        {
            return -1;
        }

        if (response.ContentLength > buffer.Length)
        {
            throw new InvalidDataException($"Object {key} has {response.ContentLength} bytes; at most {buffer.Length} were expected.");
        }

        int count = (int)response.ContentLength;
        await response.ResponseStream.ReadExactlyAsync(buffer.AsMemory(0, count), ct);
        return count;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken ct)
        => await client.DeleteObjectAsync(options.Bucket, key, ct);

    /// <summary>Deletes an object whose removal can wait (the session's end or the purge removes it too).</summary>
    public async ValueTask TryDeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            await client.DeleteObjectAsync(options.Bucket, key, ct);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
        {
            // Left for later.
        }
    }

    public async ValueTask CopyAsync(string sourceKey, string targetKey, CancellationToken ct)
    {
        var request = new CopyObjectRequest
        {
            SourceBucket = options.Bucket,
            SourceKey = sourceKey,
            DestinationBucket = options.Bucket,
            DestinationKey = targetKey,
            ServerSideEncryptionMethod = _encryption,
            ServerSideEncryptionKeyManagementServiceKeyId = _kmsKeyId,
        };
        await client.CopyObjectAsync(request, ct);
    }

    public async ValueTask<string> CreateMultipartAsync(string key, CancellationToken ct)
    {
        var request = new InitiateMultipartUploadRequest
        {
            BucketName = options.Bucket,
            Key = key,
            ContentType = "application/octet-stream",
            ServerSideEncryptionMethod = _encryption,
            ServerSideEncryptionKeyManagementServiceKeyId = _kmsKeyId,
        };
        InitiateMultipartUploadResponse response = await client.InitiateMultipartUploadAsync(request, ct);
        return response.UploadId;
    }

    public async ValueTask<string> UploadPartAsync(string key, string uploadId, int number, byte[] buffer, int count, CancellationToken ct)
    {
        var request = new UploadPartRequest
        {
            BucketName = options.Bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            InputStream = new MemoryStream(buffer, 0, count, writable: false),
            PartSize = count,
            UseChunkEncoding = false,
        };
        UploadPartResponse response = await client.UploadPartAsync(request, ct);
        return response.ETag;
    }

    public async ValueTask<string> CopyPartAsync(string sourceKey, string targetKey, string uploadId, int number, long first, long last, CancellationToken ct)
    {
        var request = new CopyPartRequest
        {
            SourceBucket = options.Bucket,
            SourceKey = sourceKey,
            DestinationBucket = options.Bucket,
            DestinationKey = targetKey,
            UploadId = uploadId,
            PartNumber = number,
            FirstByte = first,
            LastByte = last,
        };
        CopyPartResponse response = await client.CopyPartAsync(request, ct);
        return response.ETag;
    }

    public async ValueTask CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<S3UploadPart> parts, CancellationToken ct)
    {
        var request = new CompleteMultipartUploadRequest { BucketName = options.Bucket, Key = key, UploadId = uploadId, PartETags = [] };
        foreach (S3UploadPart part in parts)
        {
            request.PartETags.Add(new PartETag(part.Number, part.ETag));
        }

        await client.CompleteMultipartUploadAsync(request, ct);
    }

    /// <summary>
    /// Aborts a multipart upload; one already gone is fine. Returns false when the server does not implement aborting
    /// (s3rver): its parts then stay until the server's own clean-up or a bucket lifecycle rule removes them.
    /// </summary>
    public async ValueTask<bool> AbortMultipartAsync(string key, string uploadId, CancellationToken ct)
    {
        try
        {
            await client.AbortMultipartUploadAsync(options.Bucket, key, uploadId, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode == "NoSuchUpload")
        {
            return true;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsUnsupported(e))
        {
            return false;
        }
    }

    /// <summary>Lists at most one key under <paramref name="prefix"/>: fails when the bucket is missing or refuses the credentials.</summary>
    public async ValueTask ListOneAsync(string prefix, CancellationToken ct)
        => await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = prefix, MaxKeys = 1 }, ct);

    public async IAsyncEnumerable<S3Object> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = prefix };
        while (true)
        {
            ListObjectsV2Response response = await client.ListObjectsV2Async(request, ct);
            foreach (S3Object item in response.S3Objects ?? [])
            {
                yield return item;
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <summary>Multipart uploads in progress under a prefix; empty when the server cannot list them (s3rver).</summary>
    public async IAsyncEnumerable<MultipartUpload> ListMultipartUploadsAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListMultipartUploadsRequest { BucketName = options.Bucket, Prefix = prefix };
        while (true)
        {
            ListMultipartUploadsResponse response;
            try
            {
                response = await client.ListMultipartUploadsAsync(request, ct);
            }
            catch (AmazonS3Exception e) when (S3Errors.IsUnsupported(e))
            {
                yield break;
            }

            foreach (MultipartUpload upload in response.MultipartUploads ?? [])
            {
                yield return upload;
            }

            if (response.IsTruncated != true)
            {
                yield break;
            }

            request.KeyMarker = response.NextKeyMarker;
            request.UploadIdMarker = response.NextUploadIdMarker;
        }
    }
}
