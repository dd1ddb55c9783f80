using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    /// <summary>
    /// One immediate transaction, holding the write gate, that every write of this store on the same async flow joins
    /// until <paramref name="work"/> returns (commit) or throws (rollback).
    /// </summary>
    public async ValueTask<T> InTransactionAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_ambient.Value is { IsOpen: true })
        {
            return await work(ct);
        }

        await _writeGate.WaitAsync(ct);
        try
        {
            using SqliteConnection connection = connections.Open();
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            var ambient = new SqliteAmbientTransaction(connection, transaction);
            _ambient.Value = ambient;
            try
            {
                T result = await work(ct);
                transaction.Commit();
                return result;
            }
            finally
            {
                ambient.Close();
                _ambient.Value = null;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
