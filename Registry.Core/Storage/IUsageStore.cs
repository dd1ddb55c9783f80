using Registry.Core.Primitives;
using Registry.Core.Usage;

namespace Registry.Core.Storage;

/// <summary>
/// Storage used per repository and per namespace, computed on demand from what manifests reference (the manifest
/// bytes and their config and layer blobs), and the optional byte quota of each namespace. A blob is counted once
/// per namespace however many of its repositories use it, and once in each repository that uses it. Blobs uploaded
/// but referenced by no manifest (an unfinished or refused push) are not counted.
/// </summary>
public interface IUsageStore
{
    ValueTask<StorageUsage> GetRepositoryUsageAsync(RepositoryName repository, CancellationToken ct);

    ValueTask<StorageUsage> GetNamespaceUsageAsync(string ns, CancellationToken ct);

    /// <summary>Every repository of the namespace (or of all namespaces when null) whose manifests use storage, by name.</summary>
    ValueTask<IReadOnlyList<RepositoryUsage>> ListRepositoryUsageAsync(string? ns, CancellationToken ct);

    /// <summary>Which of the digests the namespace's manifests already use (so a push adds only the others).</summary>
    ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct);

    ValueTask<NamespaceQuota?> GetQuotaAsync(string ns, CancellationToken ct);

    ValueTask<IReadOnlyList<NamespaceQuota>> ListQuotasAsync(CancellationToken ct);

    ValueTask SetQuotaAsync(NamespaceQuota quota, CancellationToken ct);

    /// <summary>False when the namespace had no quota.</summary>
    ValueTask<bool> RemoveQuotaAsync(string ns, CancellationToken ct);
}
