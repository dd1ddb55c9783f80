using Registry.Core.Storage;

namespace Registry.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGcStoreTests(PostgresServer server) : GcStoreContract, IAsyncLifetime
{
    private readonly PostgresTestStores _stores = new(server);

    protected override async Task<IMetadataStore> CreateStoreAsync(TimeProvider time) => await _stores.CreateAsync(time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
