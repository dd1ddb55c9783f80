using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

public sealed class SqliteOverviewStoreTests : OverviewStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-overview-").FullName;
    private int _count;

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        string path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref _count)}.db");
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
