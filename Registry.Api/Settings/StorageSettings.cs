using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Settings;

/// <summary>The <c>Registry:Storage</c> settings (docs/configuration.md).</summary>
public sealed class StorageSettings
{
    public const string SectionName = "Registry:Storage";

    /// <summary><c>filesystem</c> (embedded, the default) or <c>s3</c> (AWS S3, MinIO or any S3-compatible store).</summary>
    public string Provider { get; set; } = "filesystem";

    /// <summary>The data directory: blobs and upload sessions (filesystem), and by default the SQLite database.</summary>
    [Required]
    public string Path { get; set; } = "data";

    /// <summary>The S3 settings, used when <see cref="Provider"/> is <c>s3</c>.</summary>
    public Registry.Storage.Blobs.S3.S3BlobStoreOptions S3 { get; set; } = new();

    /// <summary>
    /// Answer blob GETs with 307 and a short-lived presigned URL of the object store instead of streaming the bytes
    /// through the registry (S3 only; off by default), as Distribution's <c>redirect</c> option does.
    /// </summary>
    public bool RedirectPulls { get; set; }

    /// <summary>How long a presigned pull URL stays valid (default 10 minutes).</summary>
    public TimeSpan RedirectTtl { get; set; } = TimeSpan.FromMinutes(10);
}
