using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Hosting;

/// <summary>The <c>Registry</c> configuration section. Every setting is described in docs/configuration.md.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    public StorageSettings Storage { get; set; } = new();

    public MetadataSettings Metadata { get; set; } = new();

    public ManifestSettings Manifests { get; set; } = new();

    public UploadSettings Uploads { get; set; } = new();

    public PaginationSettings Pagination { get; set; } = new();

    public Auth.AuthSettings Auth { get; set; } = new();

    public NetworkSettings Network { get; set; } = new();

    public Lineage.LineageSettings Lineage { get; set; } = new();

    public Events.WebhookSettings Webhooks { get; set; } = new();

    public Catalog.CatalogSettings Catalog { get; set; } = new();

    public Console.ConsoleSettings Console { get; set; } = new();

    public Gc.GcSettings Gc { get; set; } = new();

    public Artifacts.ArtifactSettings Artifacts { get; set; } = new();

    public Retention.RetentionSettings Retention { get; set; } = new();
}

public sealed class StorageSettings
{
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

public sealed class MetadataSettings
{
    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c> (several nodes).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// Connection string; for SQLite the default is <c>Data Source={Storage:Path}/registry.db</c>, for PostgreSQL it
    /// is required (Npgsql format).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite <c>synchronous</c> pragma: NORMAL (default) or FULL.</summary>
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>Apply schema migrations at start-up (default); false when operators run <c>Registry.Api migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public sealed class ManifestSettings
{
    /// <summary>Largest manifest accepted, in bytes (default 4 MiB, as Distribution and containers/image use).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Memory for manifests cached by digest, in bytes (default 64 MiB; 0 disables the cache).</summary>
    [Range(0, long.MaxValue)]
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;
}

public sealed class UploadSettings
{
    /// <summary>Upload sessions untouched for longer are removed (default 24 hours).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired sessions are looked for (default 10 minutes).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class PaginationSettings
{
    /// <summary>The largest page for tag lists and the catalog when a client asks with <c>n</c> (default 10000).</summary>
    [Range(1, 1_000_000)]
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>Memory for rendered tag-list pages, reused while a repository's tags are unchanged (default 32 MiB; 0 disables).</summary>
    [Range(0, long.MaxValue)]
    public long TagListCacheBytes { get; set; } = 32L * 1024 * 1024;
}
