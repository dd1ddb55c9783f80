using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// Applies the numbered scripts embedded under <c>Migrations/NNNN_name.sql</c> in order, each in its own
/// transaction, recording them in <c>schema_migrations</c>. The whole run holds a session-level advisory lock, so
/// when several nodes (or a separate <c>migrate</c> command) start together one applies the scripts while the
/// others wait, then find nothing left to do.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>The advisory lock key ("Registry" in ASCII); advisory locks are per database.</summary>
    public const long LockKey = 0x5265_6769_7374_7279;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = MigrationScripts.Load("Postgres");

    /// <summary>Applies the pending scripts; says which this call applied.</summary>
    public static async Task<MigrationReport> ApplyAsync(NpgsqlConnection connection, long nowMs, CancellationToken ct)
    {
        // No command timeout: waiting for another node's migration, or a long script, is expected.
        await connection.ExecuteAsync(new CommandDefinition(PostgresSql.LockMigrations, new { Key = LockKey }, commandTimeout: 0, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(MetadataSql.MigrationsTable, cancellationToken: ct));
            var applied = new HashSet<int>(await connection.QueryAsync<int>(new CommandDefinition(MetadataSql.AppliedMigrations, cancellationToken: ct)));
            var appliedNow = new List<string>();
            foreach ((int version, string name, string sql) in Scripts)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(MetadataSql.RecordMigration, new { Version = version, Name = name, Now = nowMs }, transaction, cancellationToken: ct));
                await transaction.CommitAsync(ct);
                appliedNow.Add(name);
            }

            return new MigrationReport(appliedNow, Scripts.Count - appliedNow.Count);
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgresSql.UnlockMigrations, new { Key = LockKey }, cancellationToken: CancellationToken.None));
        }
        catch (NpgsqlException)
        {
            // The connection broke (the error that got us here says why): the server ends the session, and with it
            // the lock, and the pool discards the broken connection.
        }
    }
}
