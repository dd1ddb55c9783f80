using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// Applies the numbered scripts embedded under <c>Migrations/NNNN_name.sql</c> in order, each in its own
/// immediate transaction, recording them in <c>schema_migrations</c>.
/// </summary>
internal static class SqliteMigrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static void Apply(SqliteConnection connection, long nowMs)
    {
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute(SqliteSql.MigrationsTable);
        foreach ((int version, string name, string sql) in Scripts)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            bool applied = connection.ExecuteScalar<long?>("SELECT version FROM schema_migrations WHERE version = @version", new { version }, transaction) is not null;
            if (!applied)
            {
                connection.Execute(sql, transaction: transaction);
                connection.Execute(SqliteSql.RecordMigration, new { Version = version, Name = name, Now = nowMs }, transaction);
            }

            transaction.Commit();
        }
    }

    private static IReadOnlyList<(int, string, string)> LoadScripts()
    {
        Assembly assembly = typeof(SqliteMigrator).Assembly;
        const string marker = ".Metadata.Sqlite.Migrations.";
        var scripts = new List<(int, string, string)>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            int at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource[(at + marker.Length)..^4];
            int version = int.Parse(name.AsSpan(0, name.IndexOf('_')), System.Globalization.CultureInfo.InvariantCulture);
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return scripts;
    }
}
