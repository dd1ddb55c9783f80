using Microsoft.Extensions.Options;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Support;

/// <summary>
/// Migrated PostgreSQL metadata stores for a store contract, each on a fresh database of the shared server; disposing
/// closes their connection pools.
/// </summary>
internal sealed class PostgresTestStores(PostgresServer server) : IAsyncDisposable
{
    private readonly List<PostgresConnectionFactory> _factories = [];

    public async Task<PostgresMetadataStore> CreateAsync(TimeProvider? time = null)
    {
        var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = await server.CreateDatabaseAsync() }));
        _factories.Add(factory);
        var store = new PostgresMetadataStore(factory, time ?? TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PostgresConnectionFactory factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }
}
