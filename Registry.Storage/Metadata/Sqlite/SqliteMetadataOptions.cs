namespace Registry.Storage.Metadata.Sqlite;

public sealed class SqliteMetadataOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=data/registry.db</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/registry.db";

    /// <summary>
    /// SQLite's <c>synchronous</c> pragma in WAL mode: <c>NORMAL</c> (default) survives a process crash and never
    /// corrupts; <c>FULL</c> also keeps the last transactions through a power loss, at one fsync per commit.
    /// </summary>
    public string Synchronous { get; set; } = "NORMAL";
}
