namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The usage store's SQLite-only statements (<see cref="UsageSql"/> has the shared ones).</summary>
internal static partial class SqliteSql
{
    public static readonly string UsedInNamespace = UsageSql.UsedInNamespace(pg: false);
}
