using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Core.Access;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The embedded metadata store. Reads run concurrently on pooled connections (WAL mode); writes are serialized
/// in-process and each runs in one immediate transaction, so SQLite never has to retry a busy writer.
/// Operations are split by area into the partial files beside this one.
/// </summary>
internal sealed partial class SqliteMetadataStore(SqliteConnectionFactory connections, TimeProvider time) : IMetadataStore, IAccessStore, ITagStore, IMetadataTransactions
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly AsyncLocal<SqliteAmbientTransaction?> _ambient = new();

    public ValueTask<MigrationReport> MigrateAsync(CancellationToken ct)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(connections.DataSource));
        if (!string.IsNullOrEmpty(directory) && connections.DataSource is not ":memory:" and not "")
        {
            Directory.CreateDirectory(directory);
        }

        using SqliteConnection connection = connections.Open();
        return ValueTask.FromResult(SqliteMigrator.Apply(connection, NowMs()));
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private T Read<T>(Func<SqliteConnection, T> query)
    {
        using SqliteConnection connection = connections.Open();
        return query(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one immediate transaction; commits unless <paramref name="commitIf"/> says no (then nothing it wrote stays).
    /// Inside <see cref="InTransactionAsync{T}"/> it joins that transaction as a savepoint instead.
    /// </summary>
    private async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct, Func<T, bool>? commitIf = null)
    {
        if (_ambient.Value is { IsOpen: true } ambient)
        {
            return ambient.Write(work, commitIf);
        }

        await _writeGate.WaitAsync(ct);
        try
        {
            using SqliteConnection connection = connections.Open();
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            T result = work(connection, transaction);
            if (commitIf is null || commitIf(result))
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private long EnsureRepository(SqliteConnection connection, SqliteTransaction transaction, string name, long now)
        => connection.ExecuteScalar<long>(SqliteSql.EnsureRepository, new { Name = name, Now = now }, transaction);

    private static long? RepositoryId(SqliteConnection connection, string name, SqliteTransaction? transaction = null)
        => connection.ExecuteScalar<long?>(MetadataSql.RepositoryId, new { Name = name }, transaction);
}
