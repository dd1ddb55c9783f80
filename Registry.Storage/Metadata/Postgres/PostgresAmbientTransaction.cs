using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The open transaction of <see cref="PostgresMetadataStore.InTransactionAsync{T}"/> that the store's writes on the same
/// async flow join, each as a savepoint: a write whose outcome says "roll back", or that fails, undoes only itself and
/// leaves the transaction usable. Closed when the transaction ends.
/// </summary>
internal sealed class PostgresAmbientTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private int _savepoints;

    public bool IsOpen { get; private set; } = true;

    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, Func<T, bool>? commitIf, CancellationToken ct)
    {
        string savepoint = "w" + (++_savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await transaction.SaveAsync(savepoint, ct);
        T result;
        try
        {
            result = await work(connection, transaction);
        }
        catch (Exception) when (connection.State == System.Data.ConnectionState.Open)
        {
            await transaction.RollbackAsync(savepoint, CancellationToken.None);
            throw;
        }

        if (commitIf is not null && !commitIf(result))
        {
            await transaction.RollbackAsync(savepoint, ct);
        }

        await transaction.ReleaseAsync(savepoint, ct);
        return result;
    }

    public void Close() => IsOpen = false;
}
