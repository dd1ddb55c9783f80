namespace Registry.Api.Catalog;

/// <summary>The <c>Registry:Catalog</c> section: the scheduler catalog and pull statistics (docs/configuration.md, docs/catalog.md).</summary>
public sealed class CatalogSettings
{
    public const string SectionName = "Registry:Catalog";

    /// <summary>Count manifest GETs per repository and digest for the catalog's <c>pullCount</c> and <c>lastPulledAt</c> (default true).</summary>
    public bool RecordPulls { get; set; } = true;

    /// <summary>How often each node adds the pulls it counted to the metadata store, in one transaction (default 5 seconds).</summary>
    public TimeSpan PullFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest image config read for labels and platform (default 1 MiB); a larger one shows none.</summary>
    public int MaxConfigBytes { get; set; } = 1024 * 1024;
}
