using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>
/// A page of the repositories a user may pull, matching a name search and a namespace, after a cursor. Someone who may
/// pull everything gets one keyset query; anyone else one query per scope they may pull from (a namespace is an index
/// range, a repository one name), merged by name, so a page never walks repositories the user cannot see.
/// </summary>
internal sealed class RepositoryFinder(IOverviewStore store)
{
    public async ValueTask<(IReadOnlyList<RepositorySummary> Page, string? Next)> FindAsync(
        Permissions permissions, string? contains, string? ns, string? after, int limit, CancellationToken ct)
    {
        if (permissions.SeesEverything)
        {
            IReadOnlyList<RepositorySummary> rows = await store.SearchRepositoriesAsync(new RepositorySearch(contains, ns, after, limit + 1), ct);
            return rows.Count > limit ? (rows.Take(limit).ToList(), rows[limit - 1].Name) : (rows, null);
        }

        var found = new SortedDictionary<string, RepositorySummary>(StringComparer.Ordinal);
        foreach (AccessScope scope in permissions.PullScopes().Distinct())
        {
            string? within = Narrow(scope, ns);
            if (within is null)
            {
                continue;
            }

            bool single = scope.Kind == ScopeKind.Repository;
            IReadOnlyList<RepositorySummary> rows = await store.SearchRepositoriesAsync(
                new RepositorySearch(single ? scope.Name : contains, single ? null : within, after, single ? int.MaxValue : limit + 1), ct);
            foreach (RepositorySummary row in rows)
            {
                if (RepositoryName.TryParse(row.Name, out RepositoryName? name) && scope.Covers(name)
                    && (contains is null || row.Name.Contains(contains, StringComparison.Ordinal))
                    && (ns is null || row.Name == ns || row.Name.StartsWith(ns + "/", StringComparison.Ordinal)))
                {
                    found[row.Name] = row;
                }
            }
        }

        List<RepositorySummary> page = [.. found.Values.Take(limit + 1)];
        return page.Count > limit ? (page.Take(limit).ToList(), page[limit - 1].Name) : (page, null);
    }

    /// <summary>The namespace to query for the scope under the user's namespace filter; null when they do not overlap.</summary>
    private static string? Narrow(AccessScope scope, string? ns) => scope.Kind switch
    {
        ScopeKind.Repository => ns is null || scope.Name == ns || scope.Name.StartsWith(ns + "/", StringComparison.Ordinal) ? scope.Name : null,
        ScopeKind.Namespace => ns is null || ns == scope.Name ? scope.Name
            : ns.StartsWith(scope.Name + "/", StringComparison.Ordinal) ? ns
            : null,
        _ => ns ?? string.Empty,
    };
}
