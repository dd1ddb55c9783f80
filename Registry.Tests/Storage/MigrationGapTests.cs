using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Storage.Metadata.Postgres;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// Migration numbers may have gaps, and a script may arrive after scripts with higher numbers were applied (work on
/// several branches merges in any order): both migrators apply every script whose own version is not recorded, not
/// just those above the highest. Simulated by forgetting an applied script (0009) and its table.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationGapTests(PostgresServer server)
{
    private const int Forgotten = 9;

    [Fact]
    public void Sqlite_AppliesAMissingLowerScript_WhenHigherOnesAreRecorded()
    {
        string directory = Directory.CreateTempSubdirectory("registry-migration-gap-").FullName;
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "gap.db")};Pooling=False");
            connection.Open();
            SqliteMigrator.Apply(connection, 0);
            Assert.Contains(SqliteMigrator.Scripts, s => s.Version > Forgotten + 1);
            connection.Execute("DELETE FROM schema_migrations WHERE version = @Forgotten; DROP TABLE namespace_quotas;", new { Forgotten });

            SqliteMigrator.Apply(connection, 0);

            Assert.Equal(SqliteMigrator.Scripts.Select(s => s.Version), connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
            Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM namespace_quotas"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_AppliesAMissingLowerScript_WhenHigherOnesAreRecorded()
    {
        await using var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = await server.CreateDatabaseAsync() }));
        await using NpgsqlConnection connection = await factory.OpenAsync(CancellationToken.None);
        await PostgresMigrator.ApplyAsync(connection, 0, CancellationToken.None);
        await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = @Forgotten; DROP TABLE namespace_quotas;", new { Forgotten });

        Assert.Single((await PostgresMigrator.ApplyAsync(connection, 0, CancellationToken.None)).Applied);

        Assert.Equal(PostgresMigrator.Scripts.Select(s => s.Version), await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM namespace_quotas"));
    }
}
