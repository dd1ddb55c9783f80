namespace Registry.Storage.Metadata.Postgres;

/// <summary>The usage store's PostgreSQL-only statements (<see cref="UsageSql"/> has the shared ones).</summary>
internal static partial class PostgresSql
{
    public static readonly string UsedInNamespace = UsageSql.UsedInNamespace(pg: true);

    public const string LockQuota = UsageSql.Quota + " FOR UPDATE";
}
