using Registry.Api.Oci;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Usage;

namespace Registry.Api.Usage;

/// <summary>
/// The early namespace quota check at manifest PUT, before the manifest bytes are stored: the push is refused
/// (403 DENIED) when the namespace's usage plus the bytes this manifest newly brings into the namespace (itself and
/// the blobs it references that no manifest of the namespace uses yet) would exceed the quota. A push that brings
/// nothing new is never refused. The metadata store checks again inside the write transaction (serialized per
/// namespace), so concurrent pushes cannot together exceed the quota (see docs/quotas.md).
/// </summary>
internal static class QuotaCheck
{
    /// <summary>The refusal, or null when the namespace has no quota or the push fits.</summary>
    public static async ValueTask<IResult?> RefusalAsync(HttpContext context, RepositoryName repository, ManifestWrite write, CancellationToken ct)
        => await RefusalMessageAsync(context.RequestServices.GetRequiredService<IUsageStore>(), repository, write, ct) is { } message
            ? OciResults.Error(OciErrorCode.Denied, null, null, message)
            : null;

    public static IResult Denied(QuotaRefusal refusal) => OciResults.Error(OciErrorCode.Denied, null, null, refusal.Message);

    /// <summary>Why the manifest would exceed its namespace's quota, or null when it fits (the console's promote asks this too).</summary>
    public static async ValueTask<string?> RefusalMessageAsync(IUsageStore store, RepositoryName repository, ManifestWrite write, CancellationToken ct)
    {
        string ns = repository.Namespace;
        if (await store.GetQuotaAsync(ns, ct) is not { } quota)
        {
            return null;
        }

        Dictionary<string, long> brought = QuotaDemand.Of(write);
        IReadOnlySet<string> used = await store.UsedInNamespaceAsync(ns, [.. brought.Keys], ct);
        long added = QuotaDemand.Added(brought, used);
        if (added == 0)
        {
            return null;
        }

        StorageUsage usage = await store.GetNamespaceUsageAsync(ns, ct);
        return QuotaDemand.Check(ns, quota.Bytes, usage.Bytes, added)?.Message;
    }
}
