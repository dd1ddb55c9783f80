using Registry.Core.Access;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>What the overview's cards count: the whole registry, or only what the user may pull.</summary>
/// <param name="Counts">Repositories, tags and manifests.</param>
/// <param name="StoredBytes">
/// Bytes the counted repositories use: the registry's stored bytes, or for a user limited to some scopes the sum of
/// each namespace's usage (a blob counted once per namespace) and of each single repository's usage.
/// </param>
/// <param name="Everything">Whether these are the registry's totals (then registry-wide cards, such as reclaimable bytes, are shown too).</param>
internal sealed record OverviewTotals(RegistryCounts Counts, long StoredBytes, bool Everything)
{
    public static async Task<OverviewTotals> ReadAsync(ConsoleServices services, Permissions permissions, CancellationToken ct)
    {
        if (permissions.SeesEverything)
        {
            return new(await services.Overview.GetRegistryCountsAsync(ct), await services.Metadata.GetStoredBytesAsync(ct), true);
        }

        // A repository scope inside a namespace scope the user may also pull would be counted twice: keep the outer one.
        List<AccessScope> scopes = [.. permissions.PullScopes().Distinct()];
        scopes = [.. scopes.Where(s => !scopes.Exists(o => o != s && s.IsWithin(o)))];

        long repositories = 0, tags = 0, manifests = 0, bytes = 0;
        foreach (AccessScope scope in scopes)
        {
            RegistryCounts counts = await services.Overview.GetScopeCountsAsync(scope, ct);
            repositories += counts.Repositories;
            tags += counts.Tags;
            manifests += counts.Manifests;
            bytes += scope.Kind == ScopeKind.Namespace
                ? (await services.Usage.GetNamespaceUsageAsync(scope.Name, ct)).Bytes
                : Registry.Core.Primitives.RepositoryName.TryParse(scope.Name, out Registry.Core.Primitives.RepositoryName? repository)
                    ? (await services.Usage.GetRepositoryUsageAsync(repository, ct)).Bytes
                    : 0;
        }

        return new(new RegistryCounts(repositories, tags, manifests), bytes, false);
    }
}
