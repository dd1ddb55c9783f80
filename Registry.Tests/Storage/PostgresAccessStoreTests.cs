using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Access;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;
using static Registry.Tests.Storage.AccessStoreContract;

namespace Registry.Tests.Storage;

/// <summary>What only the PostgreSQL store does here; what every backend does is in <see cref="AccessStoreContract"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly PostgresTestStores _stores = new(server);

    [Fact]
    public async Task NulInText_IsNotFoundOnReads_AndStoredAsReplacementCharacterInTheAuditLog()
    {
        IAccessStore store = await _stores.CreateAsync();
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

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
