using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IOverviewStore
{
    public ValueTask<RegistryCounts> GetRegistryCountsAsync(CancellationToken ct)
        => ReadAsync(c => c.QuerySingleAsync<RegistryCounts>(Command(OverviewSql.RegistryCounts, null, null, ct)), ct);

    public ValueTask<RegistryCounts> GetScopeCountsAsync(Registry.Core.Access.AccessScope scope, CancellationToken ct)
        => scope.Kind == Registry.Core.Access.ScopeKind.Global
            ? GetRegistryCountsAsync(ct)
            : ReadAsync(c => c.QuerySingleAsync<RegistryCounts>(Command(OverviewSql.ScopeCounts, OverviewSql.ScopeParameters(scope), null, ct)), ct);

    public ValueTask<IReadOnlyList<RecentTagChange>> ListRecentTagChangesAsync(int limit, CancellationToken ct)
        => ReadAsync<IReadOnlyList<RecentTagChange>>(async c => (await c
            .QueryAsync<TagHistoryRow>(Command(OverviewSql.RecentTagChanges, new { Limit = limit }, null, ct))).Select(r => new RecentTagChange(r.Repository!, r.ToRecord())).ToList(), ct);

    public ValueTask<IReadOnlyList<RepositorySummary>> SearchRepositoriesAsync(RepositorySearch search, CancellationToken ct)
        => ReadAsync<IReadOnlyList<RepositorySummary>>(async c => (await c
            .QueryAsync<RepositorySummaryRow>(Command(search.Before is null ? PostgresSql.Overview.SearchRepositories : PostgresSql.Overview.SearchRepositoriesBefore, RepositorySummaryRow.Parameters(search), null, ct)))
            .Select(r => r.ToSummary()).ToList(), ct);

    public async ValueTask<long> CountRepositoriesAsync(RepositorySearch search, CancellationToken ct)
        => await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(PostgresSql.Overview.CountRepositories, RepositorySummaryRow.Parameters(search), null, ct)), ct);

    public async ValueTask<IReadOnlyList<CatalogEntry>> ListTagEntriesAsync(RepositoryName repository, IReadOnlyList<string> tags, CancellationToken ct)
        => tags.Count == 0 ? [] : CatalogRows.ToEntries(await ReadAsync(async c => (await c
            .QueryAsync<CatalogRow>(Command(PostgresSql.Overview.TagEntries, new { Repository = repository.Value, Tags = tags.ToArray() }, null, ct))).AsList(), ct));
}
