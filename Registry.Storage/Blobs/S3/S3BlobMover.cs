namespace Registry.Storage.Blobs.S3;

/// <summary>
/// Puts verified bytes under their content address by a server-side copy: one CopyObject up to
/// <see cref="S3BlobStoreOptions.MaxSingleCopySize"/> (S3 allows 5 GiB), a multipart copy (UploadPartCopy) above.
/// The blob key only ever receives a whole object, so readers never see part of a blob.
/// </summary>
internal sealed class S3BlobMover(S3Bucket bucket, S3BlobStoreOptions options)
{
    /// <param name="sourceKey">The object holding the bytes, or null for an empty blob.</param>
    public async ValueTask MoveIntoPlaceAsync(string? sourceKey, long length, string targetKey, CancellationToken ct)
    {
        if (await bucket.SizeAsync(targetKey, ct) is not null)
        {
            return; // the same content is already there: the address is its digest
        }

        if (sourceKey is null || length == 0)
        {
            await bucket.PutAsync(targetKey, [], 0, ct);
        }
        else if (length <= options.MaxSingleCopySize)
        {
            await bucket.CopyAsync(sourceKey, targetKey, ct);
        }
        else
        {
            await CopyInPartsAsync(sourceKey, length, targetKey, ct);
        }
    }

    private async ValueTask CopyInPartsAsync(string sourceKey, long length, string targetKey, CancellationToken ct)
    {
        string uploadId = await bucket.CreateMultipartAsync(targetKey, ct);
        try
        {
            var parts = new List<S3UploadPart>();
            long partSize = options.CopyPartSize;
            for (long first = 0; first < length; first += partSize)
            {
                long last = Math.Min(first + partSize, length) - 1;
                string etag = await bucket.CopyPartAsync(sourceKey, targetKey, uploadId, parts.Count + 1, first, last, ct);
                parts.Add(new S3UploadPart(parts.Count + 1, etag, last - first + 1));
            }

            await bucket.CompleteMultipartAsync(targetKey, uploadId, parts, ct);
        }
        catch
        {
            await bucket.AbortMultipartAsync(targetKey, uploadId, CancellationToken.None);
            throw;
        }
    }
}
