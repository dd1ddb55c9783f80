using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Events;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>
/// The event store contract on SQLite. Several "nodes" are separate store instances (each with its own write gate)
/// on one database file, as separate processes would be; their immediate transactions still serialize claims.
/// </summary>
public sealed class SqliteEventStoreTests : EventStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-events-").FullName;
    private int _count;

    protected override async Task<IEventStore[]> CreateNodesAsync(int count)
    {
        string path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref _count)}.db");
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={path}" });
        var nodes = new IEventStore[count];
        for (int i = 0; i < count; i++)
        {
            var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), TimeProvider.System);
            await store.MigrateAsync(CancellationToken.None);
            nodes[i] = store;
        }

        return nodes;
    }

    [Fact]
    public async Task AddSqliteMetadataStore_ServesTheEventStoreFromTheSameInstance()
    {
        string path = Path.Combine(_directory, "registered.db");
        await using ServiceProvider services = new ServiceCollection().AddSqliteMetadataStore(o => o.ConnectionString = $"Data Source={path}").BuildServiceProvider();

        Assert.IsType<SqliteMetadataStore>(services.GetRequiredService<IEventStore>());
        Assert.Same(services.GetRequiredService<IMetadataStore>(), services.GetRequiredService<IEventStore>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
