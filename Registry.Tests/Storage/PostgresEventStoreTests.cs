using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Events;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

/// <summary>
/// The event store contract on PostgreSQL: each call gets a database of its own on the shared server, and several
/// nodes are stores with their own connection pools on that database (so concurrent claims really race).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEventStoreTests(PostgresServer server) : EventStoreContract, IAsyncLifetime
{
    private readonly List<PostgresConnectionFactory> _factories = [];

    protected override async Task<IEventStore[]> CreateNodesAsync(int count)
    {
        string database = await server.CreateDatabaseAsync();
        var nodes = new IEventStore[count];
        for (int i = 0; i < count; i++)
        {
            var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = database }));
            _factories.Add(factory);
            var store = new PostgresMetadataStore(factory, TimeProvider.System);
            await store.MigrateAsync(CancellationToken.None);
            nodes[i] = store;
        }

        return nodes;
    }

    [Fact]
    public async Task NulInIds_IsNotFound()
    {
        IEventStore store = await CreateStoreAsync();

        Assert.Null(await store.GetWebhookAsync("w\0", CancellationToken.None));
        Assert.False(await store.DeleteWebhookAsync("w\0", CancellationToken.None));
        Assert.Empty(await store.ListDeliveriesAsync(new DeliveryQuery("w\0"), CancellationToken.None));
    }

    [Fact]
    public async Task AddPostgresMetadataStore_ServesTheEventStoreFromTheSameInstance()
    {
        string database = await server.CreateDatabaseAsync();
        await using ServiceProvider services = new ServiceCollection().AddPostgresMetadataStore(o => o.ConnectionString = database).BuildServiceProvider();

        Assert.IsType<PostgresMetadataStore>(services.GetRequiredService<IEventStore>());
        Assert.Same(services.GetRequiredService<IMetadataStore>(), services.GetRequiredService<IEventStore>());
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
