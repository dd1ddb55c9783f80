using System.Data;
using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    /// <summary>
    /// One READ COMMITTED transaction that every write of this store on the same async flow joins until
    /// <paramref name="work"/> returns (commit) or throws (rollback). A deadlock or serialization failure runs
    /// <paramref name="work"/> again, whole, on a fresh transaction.
    /// </summary>
    public async ValueTask<T> InTransactionAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_ambient.Value is { IsOpen: true })
        {
            return await work(ct);
        }

        for (int attempt = 1; ; attempt++)
        {
            await using NpgsqlConnection connection = await connections.OpenAsync(ct);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var ambient = new PostgresAmbientTransaction(connection, transaction);
            _ambient.Value = ambient;
            try
            {
                T result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Rolled back as a whole (disposing the transaction); run the work again on a fresh one.
            }
            finally
            {
                ambient.Close();
                _ambient.Value = null;
            }
        }
    }
}
