namespace Registry.Core.Usage;

/// <summary>
/// What the namespace quota rule (<see cref="QuotaDemand.RefusalAsync"/>) reads: inside a push's transaction from the
/// store (PostgreSQL locks the quota row, so two nodes' pushes into one namespace are checked one after the other),
/// or before it, from committed usage.
/// </summary>
public interface IQuotaRows
{
    /// <summary>The namespace's quota in bytes; null when it has none.</summary>
    ValueTask<long?> QuotaBytesAsync(string ns, CancellationToken ct);

    /// <summary>Which of <paramref name="digests"/> a manifest of the namespace already uses (as itself or as a blob).</summary>
    ValueTask<IReadOnlySet<string>> UsedInNamespaceAsync(string ns, IReadOnlyList<string> digests, CancellationToken ct);

    /// <summary>The bytes the namespace uses now.</summary>
    ValueTask<long> NamespaceBytesAsync(string ns, CancellationToken ct);
}
