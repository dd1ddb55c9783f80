using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

/// <summary>The tag store contract on PostgreSQL: a database per call, several nodes with their own pools on it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTagStoreTests(PostgresServer server) : TagStoreContract, IAsyncLifetime
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

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (PostgresConnectionFactory factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }
}
