using Microsoft.Extensions.Options;
using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>Owns the pooled <see cref="NpgsqlDataSource"/> every metadata operation opens its connection from.</summary>
internal sealed class PostgresConnectionFactory : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    static PostgresConnectionFactory()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        Mapping.RowMapping.EnsureRegistered();
    }

    public PostgresConnectionFactory(IOptions<PostgresMetadataOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "registry";
        }

        // A fixed name: Npgsql labels its pool metrics with it, and the default is the connection string.
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "registry-metadata" }.Build();
    }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => _dataSource.OpenConnectionAsync(ct);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
