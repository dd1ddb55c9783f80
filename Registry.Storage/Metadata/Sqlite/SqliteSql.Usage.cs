namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The usage store's SQLite-only statements (<see cref="UsageSql"/> has the shared ones).</summary>
internal static partial class SqliteSql
{
    public const string UsedInNamespace = $"""
        SELECT u.digest FROM ({UsageSql.UsedDigests}) u WHERE u.digest IN @Digests
        """;
}
