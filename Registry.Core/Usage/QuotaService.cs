using System.Globalization;
using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Usage;

/// <summary>
/// Namespace quotas for the management API and the console alike: only a global admin or an admin of the namespace
/// sets or removes one, a quota is a number of bytes above 0, and each change is announced
/// (<see cref="QuotaChanged"/>, audited as <c>quota.set</c> / <c>quota.remove</c>). The rule itself is
/// <see cref="QuotaDemand.RefusalAsync"/>: checked here early, and again inside each push's transaction (docs/quotas.md).
/// </summary>
public sealed class QuotaService(IUsageStore store, IChangeFeed feed, TimeProvider time)
{
    public static bool MayAdminister(Permissions permissions, AccessScope ns)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return (permissions.OnScope(ns) & AccessAction.Administer) != 0;
    }

    /// <summary>
    /// The early quota check of a manifest about to be stored: refused when the namespace's usage plus the bytes this
    /// manifest newly brings into the namespace (itself and the blobs it references that no manifest of the namespace
    /// uses yet) would exceed the quota; null when there is no quota or it fits. A manifest that brings nothing new is
    /// never refused. The store checks again inside the write transaction, serialized per namespace.
    /// </summary>
    public ValueTask<QuotaRefusal?> RefusalAsync(RepositoryName repository, ManifestWrite write, CancellationToken ct)
        => QuotaDemand.RefusalAsync(new CommittedUsage(store), repository.Namespace, write, ct);

    /// <summary>The quota set, or why not (<see cref="QuotaChangeStatus.Denied"/>, <see cref="QuotaChangeStatus.Invalid"/>).</summary>
    public async ValueTask<QuotaChangeResult> SetAsync(Actor actor, Permissions permissions, AccessScope ns, long bytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayAdminister(permissions, ns))
        {
            return Denied(actor, ns);
        }

        if (bytes <= 0)
        {
            return new QuotaChangeResult(QuotaChangeStatus.Invalid, null, "bytes is the quota in bytes, a number above 0");
        }

        var quota = new NamespaceQuota(ns.Name, bytes, actor.Name, time.GetUtcNow());
        await feed.RecordAsync(
            async c =>
            {
                await store.SetQuotaAsync(quota, c).ConfigureAwait(false);
                return true;
            },
            _ => [new QuotaChanged(actor, quota.SetAt, ns.Name, bytes)],
            ct).ConfigureAwait(false);
        return new QuotaChangeResult(QuotaChangeStatus.Done, quota, null);
    }

    public async ValueTask<QuotaChangeResult> RemoveAsync(Actor actor, Permissions permissions, AccessScope ns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayAdminister(permissions, ns))
        {
            return Denied(actor, ns);
        }

        bool removed = await feed.RecordAsync(
            c => store.RemoveQuotaAsync(ns.Name, c),
            removed => removed ? [new QuotaChanged(actor, time.GetUtcNow(), ns.Name, null)] : [],
            ct).ConfigureAwait(false);
        return removed
            ? new QuotaChangeResult(QuotaChangeStatus.Done, null, null)
            : new QuotaChangeResult(QuotaChangeStatus.NotFound, null, $"namespace '{ns.Name}' has no quota");
    }

    private static QuotaChangeResult Denied(Actor actor, AccessScope ns)
        => new(QuotaChangeStatus.Denied, null, string.Create(CultureInfo.InvariantCulture,
            $"{actor.Name} may not set the quota of '{ns.Name}': that needs the admin role on it or globally"));

    /// <summary>The quota rule's reads from committed usage, for the check before a push's transaction.</summary>
    private sealed class CommittedUsage(IUsageStore store) : IQuotaRows
    {
        public async ValueTask<long?> QuotaBytesAsync(string ns, CancellationToken ct)
            => (await store.GetQuotaAsync(ns, ct).ConfigureAwait(false))?.Bytes;

        public ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct)
            => store.UsedInNamespaceAsync(ns, digests, ct);

        public async ValueTask<long> NamespaceBytesAsync(string ns, CancellationToken ct)
            => (await store.GetNamespaceUsageAsync(ns, ct).ConfigureAwait(false)).Bytes;
    }
}
