using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Api.Events;
using Registry.Api.Manifests;
using Registry.Api.Settings;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>What the distribution API handlers use, resolved once instead of per request.</summary>
internal sealed class OciServices(
    IBlobStore blobs,
    IMetadataStore metadata,
    ManifestCache manifestCache,
    TagListCache tagListCache,
    IAccessGate accessGate,
    AuditLog audit,
    EventPublisher events,
    Catalog.PullRecorder pulls,
    Gc.BlobPins pins,
    Core.Content.ManifestService manifests,
    Core.Tags.TagService tags,
    Core.Content.BlobLinkService blobLinks,
    Core.Content.UploadService uploads,
    DockerRemotes remotes,
    DockerMirrors mirrors,
    IOptions<PaginationSettings> pagination,
    IOptions<StorageSettings> storage,
    IOptions<ManifestSettings> manifestSettings,
    TimeProvider time,
    ILogger<OciServices> logger)
{
    public IBlobStore Blobs => blobs;

    public ILocalBlobFiles? LocalFiles { get; } = blobs as ILocalBlobFiles;

    /// <summary>The store's copies on this node's disk (the S3 read cache), when the store keeps any.</summary>
    public INodeBlobCache? NodeCache { get; } = blobs as INodeBlobCache;

    public IMetadataStore Metadata => metadata;

    public ManifestCache ManifestCache => manifestCache;

    public TagListCache TagListCache => tagListCache;

    public IAccessGate AccessGate => accessGate;

    public AuditLog Audit => audit;

    public EventPublisher Events => events;
    public Catalog.PullRecorder Pulls => pulls;

    public Gc.BlobPins Pins => pins;

    /// <summary>Stores and deletes manifests, announcing each change (<see cref="Core.Changes.IChangeFeed"/>).</summary>
    public Core.Content.ManifestService Manifests => manifests;

    public Core.Tags.TagService Tags => tags;

    public Core.Content.BlobLinkService BlobLinks => blobLinks;

    /// <summary>The records of upload sessions; completing one links its blob.</summary>
    public Core.Content.UploadService Uploads => uploads;

    /// <summary>This node's map of docker remote repositories, to route a name below a remote's key.</summary>
    public DockerRemotes Remotes => remotes;

    /// <summary>Mirror mode: which mirror remote answers a name outside every key.</summary>
    public DockerMirrors Mirrors => mirrors;

    public PaginationSettings Pagination => pagination.Value;

    public StorageSettings Storage => storage.Value;

    public ManifestSettings ManifestSettings => manifestSettings.Value;

    public TimeProvider Time => time;

    public ILogger Logger => logger;
}
