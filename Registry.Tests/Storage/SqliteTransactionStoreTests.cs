using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

public sealed class SqliteTransactionStoreTests : TransactionStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-tx-").FullName;

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        string path = Path.Combine(_directory, "registry.db");
        var store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={path}" })), TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
