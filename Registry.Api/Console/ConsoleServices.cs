using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Api.Catalog;
using Registry.Api.Lineage;
using Registry.Core.Catalog;
using Registry.Core.Events;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>What the console's pages read and change, resolved once: the same stores and services the API uses.</summary>
internal sealed class ConsoleServices(
    IMetadataStore metadata,
    ITagStore tags,
    IOverviewStore overview,
    IUsageStore usage,
    ICatalogStore catalog,
    IEventStore events,
    IBlobStore blobs,
    ManifestDetailsReader details,
    LineageService lineage,
    ILineageStore lineageStore,
    AccessDirectory directory,
    AuditLog audit,
    CiTokenUsage tokenUsage,
    Core.Tags.TagService tagChanges,
    Core.Content.ManifestService manifests,
    Core.Content.BlobLinkService blobLinks,
    IOptions<ConsoleSettings> console,
    IOptions<Auth.AuthSettings> auth,
    IOptions<Gc.GcSettings> gc,
    IOptions<Catalog.CatalogSettings> catalogSettings,
    IEnumerable<Packages.IPackageFormat> packageFormats,
    TimeProvider time)
{
    /// <summary>What the console shows of npm, PyPI and NuGet packages, by type.</summary>
    public IReadOnlyDictionary<Core.Artifacts.ArtifactRepositoryType, Packages.IPackageFormat> PackageFormats { get; } = packageFormats.ToDictionary(f => f.Type);

    public IMetadataStore Metadata => metadata;

    public ITagStore Tags => tags;

    public IOverviewStore Overview => overview;

    public IUsageStore Usage => usage;

    public ICatalogStore Catalog => catalog;

    public IEventStore Events => events;

    public IBlobStore Blobs => blobs;

    public ManifestDetailsReader Details => details;

    public LineageService Lineage => lineage;

    public ILineageStore LineageStore => lineageStore;

    public AccessDirectory Directory => directory;

    public AuditLog Audit => audit;

    public CiTokenUsage TokenUsage => tokenUsage;

    /// <summary>Deletes and restores tags, announcing each change as every entry point does.</summary>
    public Core.Tags.TagService TagChanges => tagChanges;

    /// <summary>Stores manifests (retag, promote), announcing each change as a push does.</summary>
    public Core.Content.ManifestService Manifests => manifests;

    public Core.Content.BlobLinkService BlobLinks => blobLinks;

    public Auth.AuthSettings Auth => auth.Value;

    public Gc.GcSettings Gc => gc.Value;

    public Catalog.CatalogSettings CatalogSettings => catalogSettings.Value;

    public ConsoleSettings Settings => console.Value;

    public TimeProvider Time => time;
}
