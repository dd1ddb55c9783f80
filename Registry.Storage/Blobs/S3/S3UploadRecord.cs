namespace Registry.Storage.Blobs.S3;

/// <summary>
/// An upload session's state, kept as a small JSON object in S3 (<c>uploads/&lt;id&gt;/session</c>) so that any node
/// can resume the session. The session's bytes are, in order: the recorded <see cref="Parts"/> of the multipart
/// upload, then the tail object (fewer than 5 MiB bytes that could not yet be a part). Once assembled, the
/// <c>data</c> object holds them all instead.
/// </summary>
internal sealed class S3UploadRecord
{
    /// <summary>Bytes received so far.</summary>
    public long Length { get; set; }

    /// <summary>
    /// A fresh random value on every write. A node that wrote the record last and still has it in memory knows the
    /// running hash covers exactly these bytes.
    /// </summary>
    public string Writer { get; set; } = string.Empty;

    /// <summary>The S3 multipart upload into the <c>data</c> key, created with the first full part; null before.</summary>
    public string? MultipartUploadId { get; set; }

    /// <summary>Parts uploaded so far, by number. Their ETags let S3 reject a part that was overwritten since.</summary>
    public List<S3UploadPart> Parts { get; set; } = [];

    /// <summary>The object holding the bytes after the last part, or null when there are none.</summary>
    public string? TailKey { get; set; }

    public long TailLength { get; set; }

    /// <summary>The multipart upload was completed (to verify a digest by reading it): the data object holds every byte.</summary>
    public bool Assembled { get; set; }

    public S3UploadRecord Clone()
    {
        S3UploadRecord copy = (S3UploadRecord)MemberwiseClone();
        copy.Parts = [.. Parts];
        return copy;
    }

    public static string NewWriter() => Guid.NewGuid().ToString("N");
}
