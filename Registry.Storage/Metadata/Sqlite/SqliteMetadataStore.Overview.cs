using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IOverviewStore
{
    public ValueTask<RegistryCounts> GetRegistryCountsAsync(CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingle<RegistryCounts>(OverviewSql.RegistryCounts)));

    public ValueTask<RegistryCounts> GetScopeCountsAsync(Registry.Core.Access.AccessScope scope, CancellationToken ct)
        => scope.Kind == Registry.Core.Access.ScopeKind.Global
            ? GetRegistryCountsAsync(ct)
            : ValueTask.FromResult(Read(c => c.QuerySingle<RegistryCounts>(OverviewSql.ScopeCounts, OverviewSql.ScopeParameters(scope))));

    public ValueTask<IReadOnlyList<RecentTagChange>> ListRecentTagChangesAsync(int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<RecentTagChange>>(Read(c => c
            .Query<TagHistoryRow>(OverviewSql.RecentTagChanges, new { Limit = limit }).Select(r => new RecentTagChange(r.Repository!, r.ToRecord())).ToList()));

    public ValueTask<IReadOnlyList<RepositorySummary>> SearchRepositoriesAsync(RepositorySearch search, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<RepositorySummary>>(Read(c => c
            .Query<RepositorySummaryRow>(search.Before is null ? SqliteSql.Overview.SearchRepositories : SqliteSql.Overview.SearchRepositoriesBefore, RepositorySummaryRow.Parameters(search))
            .Select(r => r.ToSummary()).ToList()));

    public ValueTask<long> CountRepositoriesAsync(RepositorySearch search, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(SqliteSql.Overview.CountRepositories, RepositorySummaryRow.Parameters(search))));

    public ValueTask<IReadOnlyList<CatalogEntry>> ListTagEntriesAsync(RepositoryName repository, IReadOnlyList<string> tags, CancellationToken ct)
        => ValueTask.FromResult(tags.Count == 0 ? [] : CatalogRows.ToEntries(Read(c => c
            .Query<CatalogRow>(SqliteSql.Overview.TagEntries, new { Repository = repository.Value, Tags = tags }).AsList())));
}
