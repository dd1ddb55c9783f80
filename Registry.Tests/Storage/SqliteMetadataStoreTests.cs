using Microsoft.Data.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>What only the SQLite metadata store does; what every backend does is in <see cref="MetadataStoreContract"/>.</summary>
public sealed class SqliteMetadataStoreTests : IAsyncLifetime
{
    private readonly MetadataTestStores _stores = new();

    [Fact]
    public async Task Database_IsInWalMode()
    {
        await _stores.CreateNodesAsync(MetadataBackend.Sqlite, 1, TimeProvider.System);
        using var connection = new SqliteConnection($"Data Source={_stores.LastSqlitePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
