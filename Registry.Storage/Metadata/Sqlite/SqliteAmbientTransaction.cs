using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The open transaction of <see cref="SqliteMetadataStore.InTransactionAsync{T}"/> that the store's writes on the same
/// async flow join, each as a savepoint (so a write whose outcome says "roll back" undoes only itself). Closed when the
/// transaction ends: a task started inside it that outlives it opens its own transactions again.
/// </summary>
internal sealed class SqliteAmbientTransaction(SqliteConnection connection, SqliteTransaction transaction)
{
    private int _savepoints;

    public bool IsOpen { get; private set; } = true;

    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work, Func<T, bool>? commitIf)
    {
        string savepoint = "w" + (++_savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture);
        transaction.Save(savepoint);
        T result;
        try
        {
            result = work(connection, transaction);
        }
        catch
        {
            transaction.Rollback(savepoint);
            transaction.Release(savepoint);
            throw;
        }

        if (commitIf is not null && !commitIf(result))
        {
            transaction.Rollback(savepoint);
        }

        transaction.Release(savepoint);
        return result;
    }

    public void Close() => IsOpen = false;
}
