using Registry.Core.Catalog;
using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// Read-only summaries for people browsing the registry (the web console): counts, the latest tag changes, and
/// repositories found by name with their tag counts. Every query is an index range or a bounded scan of names.
/// </summary>
public interface IOverviewStore
{
    /// <summary>How many repositories, tags and (repository, manifest) pairs the registry holds.</summary>
    ValueTask<RegistryCounts> GetRegistryCountsAsync(CancellationToken ct);

    /// <summary>
    /// How many repositories, tags and (repository, manifest) pairs a namespace or repository scope holds (the
    /// registry's counts for the global scope): the totals a user who may pull only there is shown.
    /// </summary>
    ValueTask<RegistryCounts> GetScopeCountsAsync(Registry.Core.Access.AccessScope scope, CancellationToken ct);

    /// <summary>The latest tag changes in any repository (pushes, moves, deletions, restores), newest first.</summary>
    ValueTask<IReadOnlyList<RecentTagChange>> ListRecentTagChangesAsync(int limit, CancellationToken ct);

    /// <summary>
    /// Repositories matching the search, in ordinal name order after <see cref="RepositorySearch.After"/>, or the last
    /// ones before <see cref="RepositorySearch.Before"/> (still in name order).
    /// </summary>
    ValueTask<IReadOnlyList<RepositorySummary>> SearchRepositoriesAsync(RepositorySearch search, CancellationToken ct);

    /// <summary>How many repositories match the search's name and namespace filters (its cursors and limit aside).</summary>
    ValueTask<long> CountRepositoriesAsync(RepositorySearch search, CancellationToken ct);

    /// <summary>
    /// The catalog entries (digest, push time, details, pulls) of the named tags of one repository, in any order; tags
    /// that do not exist are left out. Lets a page sorted by something else than the name read only its own rows.
    /// </summary>
    ValueTask<IReadOnlyList<CatalogEntry>> ListTagEntriesAsync(RepositoryName repository, IReadOnlyList<string> tags, CancellationToken ct);
}
