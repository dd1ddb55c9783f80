using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDataProtectionKeyStoreTests(PostgresServer server) : DataProtectionKeyStoreContract, IAsyncLifetime
{
    private readonly List<PostgresConnectionFactory> _factories = [];

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = await server.CreateDatabaseAsync() }));
        _factories.Add(factory);
        var store = new PostgresMetadataStore(factory, TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        return store;
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
