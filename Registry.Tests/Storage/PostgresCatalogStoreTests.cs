using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Catalog;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

/// <summary>
/// The catalog store contract on PostgreSQL: each call gets a database of its own on the shared server, and several
/// nodes are stores with their own connection pools on that database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogStoreTests(PostgresServer server) : CatalogStoreContract, IAsyncLifetime
{
    private readonly List<PostgresConnectionFactory> _factories = [];

    protected override async Task<IMetadataStore[]> CreateNodesAsync(int count, TimeProvider time)
    {
        string database = await server.CreateDatabaseAsync();
        var nodes = new IMetadataStore[count];
        for (int i = 0; i < count; i++)
        {
            var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = database }));
            _factories.Add(factory);
            var store = new PostgresMetadataStore(factory, time);
            await store.MigrateAsync(CancellationToken.None);
            nodes[i] = store;
        }

        return nodes;
    }

    [Fact]
    public async Task AddPostgresMetadataStore_ResolvesTheSameInstanceAsTheCatalogStore()
    {
        string database = await server.CreateDatabaseAsync();
        await using ServiceProvider services = new ServiceCollection().AddPostgresMetadataStore(o => o.ConnectionString = database).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<IMetadataStore>(), services.GetRequiredService<ICatalogStore>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (PostgresConnectionFactory factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }
}
