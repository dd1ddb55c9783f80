using Npgsql;
using static Registry.Storage.Metadata.UsageParameters;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IUsageStore
{
    public ValueTask<StorageUsage> GetRepositoryUsageAsync(RepositoryName repository, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleAsync<UsageRow>(Command(UsageSql.RepositoryUsage, new { Name = repository.Value }, null, ct))).ToUsage(), ct);

    public ValueTask<StorageUsage> GetNamespaceUsageAsync(string ns, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleAsync<UsageRow>(Command(UsageSql.NamespaceUsage, Namespace(ns), null, ct))).ToUsage(), ct);

    public ValueTask<IReadOnlyList<RepositoryUsage>> ListRepositoryUsageAsync(string? ns, CancellationToken ct)
        => ReadAsync<IReadOnlyList<RepositoryUsage>>(async c =>
            (await c.QueryAsync<RepositoryRow>(Command(UsageSql.ListRepositoryUsage, Namespace(ns ?? "", all: ns is null), null, ct)))
            .Select(r => r.ToUsage())
            .ToList(), ct);

    public async ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct)
        => digests.Count == 0
            ? new HashSet<string>()
            : await ReadAsync(async c => (await c.QueryAsync<string>(Command(PostgresSql.UsedInNamespace,
                new { Ns = ns, Prefix = ns + "/", Upper = ns + "0", Digests = digests.ToArray() }, null, ct))).ToHashSet(StringComparer.Ordinal), ct);

    public ValueTask<NamespaceQuota?> GetQuotaAsync(string ns, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<QuotaRow>(Command(UsageSql.Quota, new { Ns = ns }, null, ct)))?.ToQuota(), ct);

    public ValueTask<IReadOnlyList<NamespaceQuota>> ListQuotasAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<NamespaceQuota>>(async c =>
            (await c.QueryAsync<QuotaRow>(Command(UsageSql.Quotas, null, null, ct))).Select(q => q.ToQuota()).ToList(), ct);

    public async ValueTask SetQuotaAsync(NamespaceQuota quota, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(UsageSql.UpsertQuota,
            new { Ns = quota.Namespace, quota.Bytes, quota.SetBy, SetAt = quota.SetAt.ToUnixTimeMilliseconds() }, tx, ct)), ct);

    public async ValueTask<bool> RemoveQuotaAsync(string ns, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(UsageSql.DeleteQuota, new { Ns = ns }, tx, ct)), ct) > 0;
}
