namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The access store's SQLite-only statements (<see cref="AccessSql"/> has the shared ones).</summary>
internal static partial class SqliteSql
{
    private static readonly string?[] AuditQueries = new string?[(int)AuditConditions.All + 1];
    private static readonly string?[] AuditCounts = new string?[(int)AuditConditions.All + 1];

    public const string InsertAudit = """
        INSERT INTO audit_log (at, actor, client_address, action, target, detail, success)
        VALUES (@At, @Actor, @ClientAddress, @Action, @Target, @Detail, @Success)
        """;

    /// <summary>The audit page (<see cref="AccessSql.ListAudit"/>); prefixes compare the UTF-8 bytes of the text.</summary>
    public static string ListAudit(AuditConditions conditions) => AuditQueries[(int)conditions] ??= AccessSql.ListAudit(conditions, StartsWith);

    /// <summary>The count of the audit entries an <see cref="AuditFilter"/> matches (<see cref="AccessSql.CountAudit"/>).</summary>
    public static string CountAudit(AuditConditions conditions) => AuditCounts[(int)conditions] ??= AccessSql.CountAudit(conditions, StartsWith);

    private static string StartsWith(string column, string parameter)
        => $"substr(CAST({column} AS BLOB), 1, length(CAST({parameter} AS BLOB))) = CAST({parameter} AS BLOB)";
}
