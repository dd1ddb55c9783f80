using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>
/// The base of a store contract: one concrete test class whose tests are <c>[Theory, MetadataBackends]</c> over
/// every <see cref="MetadataBackend"/>. It makes migrated stores on fresh databases of the backend under test
/// (<typeparamref name="TStore"/> being the contract's view of the metadata store) and cleans them up after each test.
/// </summary>
public abstract class BackendContract<TStore> : IAsyncLifetime
    where TStore : class
{
    private readonly MetadataTestStores _stores = new();

    /// <summary><paramref name="count"/> store instances on one fresh database, like that many registry nodes.</summary>
    protected async Task<TStore[]> CreateNodesAsync(MetadataBackend backend, int count, TimeProvider? time = null)
        => [.. (await _stores.CreateNodesAsync(backend, count, time ?? TimeProvider.System)).Cast<TStore>()];

    /// <summary>A migrated store over a fresh database.</summary>
    protected async Task<TStore> CreateStoreAsync(MetadataBackend backend, TimeProvider? time = null)
        => (await CreateNodesAsync(backend, 1, time))[0];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
