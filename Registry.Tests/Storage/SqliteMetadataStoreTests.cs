using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

public sealed class SqliteMetadataStoreTests : MetadataStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-").FullName;
    private int _count;

    protected override async Task<IMetadataStore> CreateStoreAsync(TimeProvider time)
    {
        string path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref _count)}.db");
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={path}" });
        var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), time);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task Database_IsInWalMode()
    {
        await CreateStoreAsync();
        string path = Path.Combine(_directory, $"registry-{_count}.db");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
