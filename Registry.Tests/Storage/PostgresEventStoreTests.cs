using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Events;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

/// <summary>What only the PostgreSQL store does here; what every backend does is in <see cref="EventStoreContract"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEventStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly PostgresTestStores _stores = new(server);

    [Fact]
    public async Task NulInIds_IsNotFound()
    {
        IEventStore store = await _stores.CreateAsync();

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

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
