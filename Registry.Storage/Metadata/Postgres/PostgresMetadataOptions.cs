namespace Registry.Storage.Metadata.Postgres;

public sealed class PostgresMetadataOptions
{
    /// <summary>
    /// An Npgsql connection string, e.g. <c>Host=db;Database=registry;Username=registry;Password=...</c>. Pool size,
    /// timeouts and TLS are set here too (<c>Maximum Pool Size</c>, <c>Timeout</c>, <c>SSL Mode</c>).
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;
}
