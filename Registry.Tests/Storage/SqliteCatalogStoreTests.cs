using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Catalog;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>
/// The catalog store contract on SQLite. Several "nodes" are separate store instances (each with its own write gate)
/// on one database file, as separate processes would be.
/// </summary>
public sealed class SqliteCatalogStoreTests : CatalogStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-catalog-").FullName;
    private int _count;

    protected override async Task<IMetadataStore[]> CreateNodesAsync(int count, TimeProvider time)
    {
        string path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref _count)}.db");
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={path}" });
        var nodes = new IMetadataStore[count];
        for (int i = 0; i < count; i++)
        {
            var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), time);
            await store.MigrateAsync(CancellationToken.None);
            nodes[i] = store;
        }

        return nodes;
    }

    [Fact]
    public async Task AddSqliteMetadataStore_ResolvesTheSameInstanceAsTheCatalogStore()
    {
        string path = Path.Combine(_directory, "registered.db");
        await using ServiceProvider services = new ServiceCollection().AddSqliteMetadataStore(o => o.ConnectionString = $"Data Source={path}").BuildServiceProvider();

        Assert.Same(services.GetRequiredService<IMetadataStore>(), services.GetRequiredService<ICatalogStore>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
