using Microsoft.Extensions.DependencyInjection;
using Registry.Core.Access;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Sqlite;
using static Registry.Tests.Storage.AccessStoreContract;

namespace Registry.Tests.Storage;

/// <summary>What only the SQLite store does here; what every backend does is in <see cref="AccessStoreContract"/>.</summary>
public sealed class SqliteAccessStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-access-").FullName;

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
