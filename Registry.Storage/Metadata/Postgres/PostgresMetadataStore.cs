using System.Data;
using Dapper;
using Npgsql;
using Registry.Core.Access;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The production metadata store: any number of nodes share one PostgreSQL database. Each write is one READ
/// COMMITTED transaction that locks the rows its outcome depends on (see <see cref="PostgresSql"/>), so concurrent
/// writers on several nodes stay correct without serializable isolation; a deadlock or serialization failure,
/// which those lock orders avoid, is retried rather than surfaced. Operations are split by area into the partial
/// files beside this one.
/// </summary>
internal sealed partial class PostgresMetadataStore(PostgresConnectionFactory connections, TimeProvider time) : IMetadataStore, IAccessStore, ITagStore, IMetadataTransactions
{
    private const int MaxAttempts = 3;
    private readonly AsyncLocal<PostgresAmbientTransaction?> _ambient = new();

    /// <summary>Takes a PostgreSQL advisory lock, so nodes (or a separate <c>migrate</c> run) starting together apply each script once.</summary>
    public async ValueTask<MigrationReport> MigrateAsync(CancellationToken ct)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(ct);
        return await PostgresMigrator.ApplyAsync(connection, NowMs(), ct);
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    internal static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction? transaction, CancellationToken ct)
        => new(sql, parameters, transaction, cancellationToken: ct);

    private async ValueTask<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> query, CancellationToken ct)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(ct);
        return await query(connection);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; commits unless <paramref name="commitIf"/> says no (then nothing it wrote stays).</summary>
    /// <remarks>Inside <see cref="InTransactionAsync{T}"/> it joins that transaction as a savepoint instead (retried with it as a whole).</remarks>
    private async ValueTask<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct, Func<T, bool>? commitIf = null)
    {
        if (_ambient.Value is { IsOpen: true } ambient)
        {
            return await ambient.WriteAsync(work, commitIf, ct);
        }

        for (int attempt = 1; ; attempt++)
        {
            await using NpgsqlConnection connection = await connections.OpenAsync(ct);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            try
            {
                T result = await work(connection, transaction);
                if (commitIf is null || commitIf(result))
                {
                    await transaction.CommitAsync(ct);
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                }

                return result;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // The transaction was rolled back as a whole; run it again on a fresh one.
            }
        }
    }

    /// <summary>The repository's id, creating the repository when new (safe against another node creating it too).</summary>
    private static async Task<long> EnsureRepositoryAsync(NpgsqlConnection c, NpgsqlTransaction tx, string name, long now, CancellationToken ct)
    {
        // Two statements: under READ COMMITTED the second takes a new snapshot, so it sees a row another
        // transaction committed while this INSERT waited on it.
        long? created = await c.ExecuteScalarAsync<long?>(Command(PostgresSql.InsertRepository, new { Name = name, Now = now }, tx, ct));
        return created ?? await c.ExecuteScalarAsync<long>(Command(MetadataSql.RepositoryId, new { Name = name }, tx, ct));
    }

    private static Task<long?> RepositoryIdAsync(NpgsqlConnection c, string name, NpgsqlTransaction? tx, CancellationToken ct)
        => c.ExecuteScalarAsync<long?>(Command(MetadataSql.RepositoryId, new { Name = name }, tx, ct));
}
