using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// Opens pooled connections; the per-connection pragmas run once per native connection, not once per open.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    private static readonly ConditionalWeakTable<object, object> Prepared = new();
    private static readonly object Marker = new();
    private readonly string _connectionString;
    private readonly string _pragmas;

    static SqliteConnectionFactory()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        Mapping.RowMapping.EnsureRegistered();
    }

    public SqliteConnectionFactory(IOptions<SqliteMetadataOptions> options)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        _connectionString = builder.ConnectionString;
        string synchronous = options.Value.Synchronous.ToUpperInvariant() switch
        {
            "OFF" => "OFF",
            "NORMAL" => "NORMAL",
            "FULL" => "FULL",
            "EXTRA" => "EXTRA",
            _ => throw new OptionsValidationException("Registry:Metadata:Synchronous", typeof(SqliteMetadataOptions),
                [$"Synchronous must be OFF, NORMAL, FULL or EXTRA, not '{options.Value.Synchronous}'."]),
        };
        _pragmas = $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        object handle = connection.Handle!;
        if (!Prepared.TryGetValue(handle, out _))
        {
            connection.Execute(_pragmas);
            Prepared.AddOrUpdate(handle, Marker);
        }

        return connection;
    }
}
