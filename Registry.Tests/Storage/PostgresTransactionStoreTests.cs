using Registry.Core.Storage;

namespace Registry.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresTransactionStoreTests(PostgresServer server) : TransactionStoreContract, IAsyncLifetime
{
    private readonly PostgresTestStores _stores = new(server);

    protected override async Task<IMetadataStore> CreateStoreAsync() => await _stores.CreateAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
