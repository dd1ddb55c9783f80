using Microsoft.Data.Sqlite;
using Npgsql;

namespace Registry.Tests.Support;

/// <summary>One row of the registry's <c>leases</c> table: who holds the named lease and until when.</summary>
internal sealed record LeaseRow(string Name, string Holder, DateTimeOffset ExpiresAt);

/// <summary>
/// Reads the <c>leases</c> table of a running registry's metadata store from outside the process: SQLite read-only
/// (no pooled connection is kept, so nothing lingers on the file), or PostgreSQL. What background job runs where.
/// </summary>
internal static class LeaseTable
{
    private const string Query = "SELECT name, holder, expires_at FROM leases";

    /// <summary>The leases in the SQLite database of a registry whose data directory is <paramref name="dataPath"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, LeaseRow>> ReadSqliteAsync(string dataPath, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "registry.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ConnectionString;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Query;
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    /// <summary>The leases in the PostgreSQL database the registry nodes share.</summary>
    public static async Task<IReadOnlyDictionary<string, LeaseRow>> ReadPostgresAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    private static async Task<IReadOnlyDictionary<string, LeaseRow>> ReadAsync(System.Data.Common.DbDataReader reader, CancellationToken ct)
    {
        var rows = new Dictionary<string, LeaseRow>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(0);
            rows[name] = new LeaseRow(name, reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        }

        return rows;
    }
}
