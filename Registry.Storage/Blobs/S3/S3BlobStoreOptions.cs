namespace Registry.Storage.Blobs.S3;

/// <summary>Where and how the S3 blob store keeps its objects.</summary>
public sealed class S3BlobStoreOptions
{
    /// <summary>The smallest part S3 accepts in a multipart upload, except for the last part.</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>The largest part S3 accepts.</summary>
    public const long MaximumPartSize = 5L * 1024 * 1024 * 1024;

    /// <summary>An S3-compatible endpoint (MinIO, Ceph, ...); unset for AWS, which then goes by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = string.Empty;

    /// <summary>A key prefix shared by every object of this registry, without a trailing slash; empty for none.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Static credentials; when unset the SDK's default chain is used (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Optional server-side encryption: <c>AES256</c> or <c>aws:kms</c> (then <see cref="KmsKeyId"/> may name the key).</summary>
    public string? ServerSideEncryption { get; set; }

    public string? KmsKeyId { get; set; }

    /// <summary>
    /// How many bytes an upload gathers in pooled memory before sending them as one multipart part; at least (and by
    /// default) the S3 minimum of 5 MiB. A blob may have at most 10,000 parts, so this also bounds the largest blob
    /// (5 MiB: about 48 GiB; raise it for larger blobs).
    /// </summary>
    public int PartSize { get; set; } = MinimumPartSize;

    /// <summary>Blobs larger than this are moved into place by a multipart copy; S3 copies at most 5 GiB at once.</summary>
    public long MaxSingleCopySize { get; set; } = MaximumPartSize;

    /// <summary>The size of each part of a multipart copy, between 5 MiB and 5 GiB.</summary>
    public long CopyPartSize { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// A directory on this node's disk for verified copies of the blobs it serves (off when empty, the default): the
    /// first pull of a blob copies it from the bucket once, every pull of it on this node meanwhile follows that copy,
    /// and later pulls are served from the file. One directory per registry process.
    /// </summary>
    public string? ReadCachePath { get; set; }

    /// <summary>How many bytes of copies the read cache keeps (default 20 GiB); the least recently pulled go first.</summary>
    public long ReadCacheSize { get; set; } = 20L * 1024 * 1024 * 1024;
}
