using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Catalog;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

/// <summary>What only the PostgreSQL store does here; what every backend does is in <see cref="CatalogStoreContract"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogStoreTests(PostgresServer server)
{
    [Fact]
    public async Task AddPostgresMetadataStore_ResolvesTheSameInstanceAsTheCatalogStore()
    {
        string database = await server.CreateDatabaseAsync();
        await using ServiceProvider services = new ServiceCollection().AddPostgresMetadataStore(o => o.ConnectionString = database).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<IMetadataStore>(), services.GetRequiredService<ICatalogStore>());
    }
}
