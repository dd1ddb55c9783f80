using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// Applies the numbered scripts embedded under <c>Migrations/NNNN_name.sql</c> in order, each in its own
/// immediate transaction, recording them in <c>schema_migrations</c>.
/// </summary>
internal static class SqliteMigrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = MigrationScripts.Load("Sqlite");

    /// <summary>Applies the pending scripts; says which this call applied.</summary>
    public static MigrationReport Apply(SqliteConnection connection, long nowMs)
    {
        var appliedNow = new List<string>();
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute(MetadataSql.MigrationsTable);
        foreach ((int version, string name, string sql) in Scripts)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            bool applied = connection.ExecuteScalar<long?>("SELECT version FROM schema_migrations WHERE version = @version", new { version }, transaction) is not null;
            if (!applied)
            {
                connection.Execute(sql, transaction: transaction);
                connection.Execute(MetadataSql.RecordMigration, new { Version = version, Name = name, Now = nowMs }, transaction);
                appliedNow.Add(name);
            }

            transaction.Commit();
        }

        return new MigrationReport(appliedNow, Scripts.Count - appliedNow.Count);
    }
}
