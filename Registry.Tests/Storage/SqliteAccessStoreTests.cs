using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Access;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>
/// The access store contract on SQLite. Several "nodes" are separate store instances (each with its own write gate)
/// on one database file, as separate processes would be; their immediate transactions still serialize writes.
/// </summary>
public sealed class SqliteAccessStoreTests : AccessStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-access-").FullName;
    private int _count;

    protected override async Task<IAccessStore[]> CreateNodesAsync(int count)
    {
        string path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref _count)}.db");
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={path}" });
        var nodes = new IAccessStore[count];
        for (int i = 0; i < count; i++)
        {
            var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), TimeProvider.System);
            await store.MigrateAsync(CancellationToken.None);
            nodes[i] = store;
        }

        return nodes;
    }

    [Fact]
    public async Task AddSqliteMetadataStore_ResolvesOneInstanceForBothContracts()
    {
        string path = Path.Combine(_directory, "registered.db");
        await using ServiceProvider services = new ServiceCollection().AddSqliteMetadataStore(o => o.ConnectionString = $"Data Source={path}").BuildServiceProvider();

        IMetadataStore metadata = services.GetRequiredService<IMetadataStore>();
        IAccessStore access = services.GetRequiredService<IAccessStore>();
        await metadata.MigrateAsync(CancellationToken.None);

        Assert.IsType<SqliteMetadataStore>(metadata);
        Assert.Same(metadata, access);
        Assert.True(await access.CreateUserAsync(new UserRecord("alice", "hash", false, T(0), T(0)), CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
