using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Postgres;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// Migrated metadata stores on fresh databases of a <see cref="MetadataBackend"/>, for one test; disposing closes
/// their connection pools and removes the SQLite files.
/// </summary>
internal sealed class MetadataTestStores : IAsyncDisposable
{
    private readonly List<PostgresConnectionFactory> _factories = [];
    private TempDirectory? _directory;
    private int _count;

    /// <summary>The file of the SQLite database created last.</summary>
    public string? LastSqlitePath { get; private set; }

    /// <summary>
    /// <paramref name="count"/> "nodes" on one fresh database: separate store instances, each with its own connection
    /// pool (and, on SQLite, its own write gate), as separate processes would be.
    /// </summary>
    public async Task<IMetadataStore[]> CreateNodesAsync(MetadataBackend backend, int count, TimeProvider time)
    {
        Func<IMetadataStore> create = backend switch
        {
            MetadataBackend.Sqlite => SqliteNode(time),
            MetadataBackend.Postgres => PostgresNode(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(), time),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
        };
        var nodes = new IMetadataStore[count];
        for (int i = 0; i < count; i++)
        {
            nodes[i] = create();
            await nodes[i].MigrateAsync(CancellationToken.None);
        }

        return nodes;
    }

    private Func<IMetadataStore> SqliteNode(TimeProvider time)
    {
        _directory ??= TempDirectory.Create("registry-sqlite-");
        LastSqlitePath = _directory.Combine($"registry-{Interlocked.Increment(ref _count)}.db");
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={LastSqlitePath}" });
        return () => new SqliteMetadataStore(new SqliteConnectionFactory(options), time);
    }

    private Func<IMetadataStore> PostgresNode(string connectionString, TimeProvider time) => () =>
    {
        var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = connectionString }));
        lock (_factories)
        {
            _factories.Add(factory);
        }

        return new PostgresMetadataStore(factory, time);
    };

    public async ValueTask DisposeAsync()
    {
        foreach (PostgresConnectionFactory factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }
    }
}
