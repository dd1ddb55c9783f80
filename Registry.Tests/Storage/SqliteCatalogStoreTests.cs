using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Catalog;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>What only the SQLite store does here; what every backend does is in <see cref="CatalogStoreContract"/>.</summary>
public sealed class SqliteCatalogStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-catalog-").FullName;

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
