using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Hosting;

/// <summary>The <c>Registry:Metadata</c> settings (docs/configuration.md).</summary>
public sealed class MetadataSettings
{
    public const string SectionName = "Registry:Metadata";

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
