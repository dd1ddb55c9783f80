namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The access store's PostgreSQL-only statements (<see cref="AccessSql"/> has the shared ones). Every write to users,
/// grants, public scopes, CI tokens and signing keys first locks the single <c>access_version</c> row
/// (<see cref="LockAccess"/>), so those writes run one at a time across all nodes, as the SQLite store's write gate
/// runs them: check-then-write sequences (first signing key, rotation) cannot interleave, and a grant cannot slip in
/// beside a concurrent deletion of its user. <see cref="AccessSql.RecordCiTokenUse"/> takes no access lock (it changes
/// no permission); callers pass the ids sorted, so concurrent batches from several nodes lock the rows in one order.
/// </summary>
internal static partial class PostgresSql
{
    private static readonly string?[] AuditQueries = new string?[(int)AuditConditions.All + 1];
    private static readonly string?[] AuditCounts = new string?[(int)AuditConditions.All + 1];

    public const string LockAccess = "SELECT version FROM access_version WHERE id = 1 FOR UPDATE";

    /// <summary>
    /// Appends a batch in one statement; rows are inserted in array order (ORDER BY the ordinality), so their ids
    /// follow the order of the batch.
    /// </summary>
    public const string InsertAudit = """
        INSERT INTO audit_log (at, actor, client_address, action, target, detail, success)
        SELECT e.at, e.actor, e.client_address, e.action, e.target, e.detail, e.success
        FROM unnest(@At, @Actor, @ClientAddress, @Action, @Target, @Detail, @Success)
            WITH ORDINALITY AS e (at, actor, client_address, action, target, detail, success, n)
        ORDER BY e.n
        """;

    /// <summary>The audit page (<see cref="AccessSql.ListAudit"/>); prefixes use <c>starts_with</c>.</summary>
    public static string ListAudit(AuditConditions conditions) => AuditQueries[(int)conditions] ??= AccessSql.ListAudit(conditions, StartsWith);

    /// <summary>The count of the audit entries an <see cref="AuditFilter"/> matches (<see cref="AccessSql.CountAudit"/>).</summary>
    public static string CountAudit(AuditConditions conditions) => AuditCounts[(int)conditions] ??= AccessSql.CountAudit(conditions, StartsWith);

    private static string StartsWith(string column, string parameter) => $"starts_with({column}, {parameter})";
}
