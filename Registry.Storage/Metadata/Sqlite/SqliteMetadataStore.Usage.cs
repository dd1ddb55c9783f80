using Microsoft.Data.Sqlite;
using static Registry.Storage.Metadata.UsageParameters;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IUsageStore
{
    public ValueTask<StorageUsage> GetRepositoryUsageAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingle<UsageRow>(UsageSql.RepositoryUsage, new { Name = repository.Value })).ToUsage());

    public ValueTask<StorageUsage> GetNamespaceUsageAsync(string ns, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingle<UsageRow>(UsageSql.NamespaceUsage, Namespace(ns))).ToUsage());

    public ValueTask<IReadOnlyList<RepositoryUsage>> ListRepositoryUsageAsync(string? ns, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<RepositoryUsage>>(Read(c => c
            .Query<RepositoryRow>(UsageSql.ListRepositoryUsage, Namespace(ns ?? "", all: ns is null))
            .Select(r => r.ToUsage())
            .ToList()));

    public ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlySet<string>>(digests.Count == 0
            ? new HashSet<string>()
            : Read(c => c.Query<string>(SqliteSql.UsedInNamespace, new { Ns = ns, Prefix = ns + "/", Upper = ns + "0", Digests = digests }).ToHashSet(StringComparer.Ordinal)));

    public ValueTask<NamespaceQuota?> GetQuotaAsync(string ns, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<QuotaRow>(UsageSql.Quota, new { Ns = ns }))?.ToQuota());

    public ValueTask<IReadOnlyList<NamespaceQuota>> ListQuotasAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<NamespaceQuota>>(Read(c => c.Query<QuotaRow>(UsageSql.Quotas).Select(q => q.ToQuota()).ToList()));

    public async ValueTask SetQuotaAsync(NamespaceQuota quota, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(UsageSql.UpsertQuota,
            new { Ns = quota.Namespace, quota.Bytes, quota.SetBy, SetAt = quota.SetAt.ToUnixTimeMilliseconds() }, tx), ct);

    public async ValueTask<bool> RemoveQuotaAsync(string ns, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(UsageSql.DeleteQuota, new { Ns = ns }, tx), ct) > 0;
}
