using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<long> GetAccessVersionAsync(CancellationToken ct)
        => await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(AccessSql.AccessVersion, null, null, ct)), ct);

    /// <summary>
    /// Runs an access write holding the access lock (see <see cref="PostgresSql.LockAccess"/>), so it never
    /// interleaves with another node's; with <paramref name="bumpWhenChanged"/> the access version is bumped in the
    /// same transaction when the work reports a change.
    /// </summary>
    private ValueTask<bool> WriteAccessAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> work, CancellationToken ct, bool bumpWhenChanged = true)
        => WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Command(PostgresSql.LockAccess, null, tx, ct));
            bool changed = await work(c, tx);
            if (changed && bumpWhenChanged)
            {
                await c.ExecuteAsync(Command(AccessSql.BumpAccessVersion, null, tx, ct));
            }

            return changed;
        }, ct);

    /// <summary>PostgreSQL text cannot hold NUL, so no stored name, id or subject contains one.</summary>
    private static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
