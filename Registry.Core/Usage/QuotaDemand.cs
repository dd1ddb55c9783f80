using Registry.Core.Manifests;
using Registry.Core.Storage;

namespace Registry.Core.Usage;

/// <summary>
/// What a manifest push brings into its namespace: the manifest's own bytes and the blobs it references, by digest.
/// Only the digests no manifest of the namespace uses yet add to its usage.
/// </summary>
public static class QuotaDemand
{
    public static Dictionary<string, long> Of(ManifestWrite write)
    {
        Dictionary<string, long> brought = new(StringComparer.Ordinal) { [write.Digest.Value] = write.Size };
        foreach (ManifestDependency dependency in write.Dependencies)
        {
            if (dependency.Kind == DependencyKind.Blob)
            {
                brought.TryAdd(dependency.Digest.Value, dependency.Size);
            }
        }

        return brought;
    }

    /// <summary>The bytes of <paramref name="brought"/> that are not in <paramref name="used"/>.</summary>
    public static long Added(IReadOnlyDictionary<string, long> brought, IReadOnlySet<string> used)
    {
        long added = 0;
        foreach ((string digest, long size) in brought)
        {
            if (!used.Contains(digest))
            {
                added += size;
            }
        }

        return added;
    }

    /// <summary>
    /// The rule, written once: the refusal when storing <paramref name="write"/> would take <paramref name="ns"/> over its
    /// quota (only the bytes no manifest of the namespace uses yet count), else null.
    /// </summary>
    public static async ValueTask<QuotaRefusal?> RefusalAsync(IQuotaRows rows, string ns, ManifestWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(write);
        if (await rows.QuotaBytesAsync(ns, ct).ConfigureAwait(false) is not { } quotaBytes)
        {
            return null;
        }

        Dictionary<string, long> brought = Of(write);
        IReadOnlySet<string> used = await rows.UsedInNamespaceAsync(ns, [.. brought.Keys], ct).ConfigureAwait(false);
        long added = Added(brought, used);
        return added == 0 ? null : Check(ns, quotaBytes, await rows.NamespaceBytesAsync(ns, ct).ConfigureAwait(false), added);
    }

    /// <summary>The refusal when the namespace would use more than its quota after the push, else null.</summary>
    public static QuotaRefusal? Check(string ns, long quotaBytes, long usedBytes, long added)
        => added > 0 && usedBytes + added > quotaBytes ? new QuotaRefusal(ns, usedBytes + added, quotaBytes) : null;
}
