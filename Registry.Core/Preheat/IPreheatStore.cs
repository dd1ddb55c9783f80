namespace Registry.Core.Preheat;

/// <summary>The stored edges and preheat rules (docs/preheat.md); a store answers and writes, <see cref="PreheatService"/> decides.</summary>
public interface IPreheatStore
{
    ValueTask<IReadOnlyList<PreheatEdge>> ListPreheatEdgesAsync(CancellationToken ct);

    ValueTask<PreheatEdge?> GetPreheatEdgeAsync(string name, CancellationToken ct);

    /// <summary>False when an edge of that name exists.</summary>
    ValueTask<bool> CreatePreheatEdgeAsync(PreheatEdge edge, CancellationToken ct);

    /// <summary>False when there is no edge of that name.</summary>
    ValueTask<bool> UpdatePreheatEdgeAsync(PreheatEdge edge, CancellationToken ct);

    /// <summary>False when there was no edge of that name.</summary>
    ValueTask<bool> DeletePreheatEdgeAsync(string name, CancellationToken ct);

    ValueTask<IReadOnlyList<PreheatRule>> ListPreheatRulesAsync(CancellationToken ct);

    /// <summary>False when a rule of that name exists.</summary>
    ValueTask<bool> CreatePreheatRuleAsync(PreheatRule rule, CancellationToken ct);

    /// <summary>False when there was no rule of that name.</summary>
    ValueTask<bool> DeletePreheatRuleAsync(string name, CancellationToken ct);
}
