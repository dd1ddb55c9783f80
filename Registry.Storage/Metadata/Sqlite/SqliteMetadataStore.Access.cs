using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<long> GetAccessVersionAsync(CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(AccessSql.AccessVersion)));

    /// <summary>
    /// Runs a write to users, grants, public scopes or CI tokens through the write gate, and bumps the access version
    /// in the same transaction when the work reports that it changed something.
    /// </summary>
    private ValueTask<bool> WriteAccessAsync(Func<SqliteConnection, SqliteTransaction, bool> work, CancellationToken ct)
        => WriteAsync((c, tx) =>
        {
            bool changed = work(c, tx);
            if (changed)
            {
                c.Execute(AccessSql.BumpAccessVersion, transaction: tx);
            }

            return changed;
        }, ct);
}
