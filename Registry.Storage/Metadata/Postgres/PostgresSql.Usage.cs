namespace Registry.Storage.Metadata.Postgres;

/// <summary>The usage store's PostgreSQL-only statements (<see cref="UsageSql"/> has the shared ones).</summary>
internal static partial class PostgresSql
{
    public const string UsedInNamespace = $"""
        SELECT u.digest FROM ({UsageSql.UsedDigests}) u WHERE u.digest = ANY (@Digests)
        """;

    public const string LockQuota = UsageSql.Quota + " FOR UPDATE";
}
