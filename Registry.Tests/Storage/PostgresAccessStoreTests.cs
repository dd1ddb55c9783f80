using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Access;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Tests.Storage;

/// <summary>
/// The access store contract on PostgreSQL: each call gets a database of its own on the shared server, and several
/// nodes are stores with their own connection pools on that database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessStoreTests(PostgresServer server) : AccessStoreContract, IAsyncLifetime
{
    private readonly List<PostgresConnectionFactory> _factories = [];

    protected override async Task<IAccessStore[]> CreateNodesAsync(int count)
    {
        string database = await server.CreateDatabaseAsync();
        var nodes = new IAccessStore[count];
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
    public async Task NulInText_IsNotFoundOnReads_AndStoredAsReplacementCharacterInTheAuditLog()
    {
        IAccessStore store = await CreateStoreAsync();
        await store.CreateUserAsync(new UserRecord("alice", "hash", false, T(0), T(0)), CancellationToken.None);

        Assert.Null(await store.GetUserAsync("alice\0", CancellationToken.None));
        Assert.False(await store.UpdateUserAsync("alice\0", "x", null, T(1), CancellationToken.None));
        Assert.False(await store.DeleteUserAsync("alice\0", CancellationToken.None));
        Assert.Empty(await store.ListGrantsAsync("alice\0", CancellationToken.None));
        Assert.Null(await store.GetCiTokenAsync("t\0", CancellationToken.None));
        Assert.False(await store.RevokeCiTokenAsync("t\0", T(1), CancellationToken.None));
        await store.RecordCiTokenUseAsync([new("t\0", T(1))], CancellationToken.None);

        await store.AppendAuditAsync([new AuditEntry(0, T(1), "ev\0il", null, "login.failure", "x\0y", null, false)], CancellationToken.None);
        AuditEntry entry = Assert.Single(await store.ListAuditAsync(new AuditQuery(Actor: "ev\0il", TargetPrefix: "x\0"), CancellationToken.None));
        Assert.Equal(("ev\uFFFDil", "x\uFFFDy"), (entry.Actor, entry.Target));
    }

    [Fact]
    public async Task AddPostgresMetadataStore_ResolvesOneInstanceForBothContracts()
    {
        string database = await server.CreateDatabaseAsync();
        await using ServiceProvider services = new ServiceCollection().AddPostgresMetadataStore(o => o.ConnectionString = database).BuildServiceProvider();

        IMetadataStore metadata = services.GetRequiredService<IMetadataStore>();
        IAccessStore access = services.GetRequiredService<IAccessStore>();
        await metadata.MigrateAsync(CancellationToken.None);

        Assert.IsType<PostgresMetadataStore>(metadata);
        Assert.Same(metadata, access);
        Assert.True(await access.CreateUserAsync(new UserRecord("alice", "hash", false, T(0), T(0)), CancellationToken.None));
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
