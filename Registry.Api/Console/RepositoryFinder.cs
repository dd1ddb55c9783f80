using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>
/// A page of the repositories a user may pull, matching a name search and a namespace, after (or before) a cursor, with
/// how many there are in all. Someone who may pull everything gets one keyset query; anyone else one query per scope
/// they may pull from (a namespace is an index range, a repository one name), merged by name, so a page never walks
/// repositories the user cannot see.
/// </summary>
internal sealed class RepositoryFinder(IOverviewStore store)
{
    public async ValueTask<RepositoryListPage> FindAsync(
        Permissions permissions, string? contains, string? ns, string? after, string? before, int limit, CancellationToken ct)
    {
        bool backwards = before is not null;
        List<RepositorySummary> rows = await SearchAsync(permissions, contains, ns, backwards ? null : after, before, limit + 1, ct);
        bool more = rows.Count > limit;
        List<RepositorySummary> page = backwards ? rows.TakeLast(limit).ToList() : rows.Take(limit).ToList();
        long total = await CountAsync(permissions, contains, ns, ct);
        if (page.Count == 0)
        {
            return new RepositoryListPage(page, total, null, null);
        }

        // Beyond the side the user came from there are more when the query found one row over the page; on that side,
        // when a row lies past the page's edge.
        bool earlier = backwards ? more : after is not null && await AnyAsync(permissions, contains, ns, null, page[0].Name, ct);
        bool later = backwards ? await AnyAsync(permissions, contains, ns, page[^1].Name, null, ct) : more;
        return new RepositoryListPage(page, total, earlier ? page[0].Name : null, later ? page[^1].Name : null);
    }

    private async ValueTask<bool> AnyAsync(Permissions permissions, string? contains, string? ns, string? after, string? before, CancellationToken ct)
        => (await SearchAsync(permissions, contains, ns, after, before, 1, ct)).Count > 0;

    /// <summary>Up to <paramref name="limit"/> rows in name order: the first after <paramref name="after"/>, or the last before <paramref name="before"/>.</summary>
    private async ValueTask<List<RepositorySummary>> SearchAsync(
        Permissions permissions, string? contains, string? ns, string? after, string? before, int limit, CancellationToken ct)
    {
        if (permissions.SeesEverything)
        {
            return [.. await store.SearchRepositoriesAsync(new RepositorySearch(contains, ns, after, limit, before), ct)];
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
                new RepositorySearch(single ? scope.Name : contains, single ? null : within, after, single ? int.MaxValue : limit, before), ct);
            foreach (RepositorySummary row in rows)
            {
                if (Matches(scope, row.Name, contains, ns))
                {
                    found[row.Name] = row;
                }
            }
        }

        return before is null ? [.. found.Values.Take(limit)] : [.. found.Values.TakeLast(limit)];
    }

    /// <summary>
    /// How many repositories the user may pull match the filters: one count per namespace scope (scopes inside another
    /// are left out, so nothing counts twice), and each repository scope's name when it exists and matches.
    /// </summary>
    private async ValueTask<long> CountAsync(Permissions permissions, string? contains, string? ns, CancellationToken ct)
    {
        if (permissions.SeesEverything)
        {
            return await store.CountRepositoriesAsync(new RepositorySearch(contains, ns, null, 0), ct);
        }

        List<AccessScope> scopes = [.. permissions.PullScopes().Distinct()];
        long total = 0;
        foreach (AccessScope scope in scopes)
        {
            if (scopes.Any(other => other != scope && scope.IsWithin(other)) || Narrow(scope, ns) is not { } within)
            {
                continue;
            }

            if (scope.Kind == ScopeKind.Namespace)
            {
                total += await store.CountRepositoriesAsync(new RepositorySearch(contains, within, null, 0), ct);
                continue;
            }

            IReadOnlyList<RepositorySummary> rows = await store.SearchRepositoriesAsync(new RepositorySearch(scope.Name, null, null, int.MaxValue), ct);
            total += rows.Count(row => Matches(scope, row.Name, contains, ns));
        }

        return total;
    }

    private static bool Matches(AccessScope scope, string name, string? contains, string? ns)
        => RepositoryName.TryParse(name, out RepositoryName? parsed) && scope.Covers(parsed)
            && (contains is null || name.Contains(contains, StringComparison.Ordinal))
            && (ns is null || name == ns || name.StartsWith(ns + "/", StringComparison.Ordinal));

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
