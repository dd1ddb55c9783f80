using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Events;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>What only the SQLite store does here; what every backend does is in <see cref="EventStoreContract"/>.</summary>
public sealed class SqliteEventStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-events-").FullName;

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
