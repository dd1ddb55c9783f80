namespace Registry.Core.Retention;

/// <summary>Keeps the <see cref="Count"/> candidates pushed last (ties by name, so the choice is stable).</summary>
public sealed class KeepMostRecentlyPushed(int count) : IKeepRule
{
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count));

    public IEnumerable<RetentionCandidate> Keep(IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now)
        => candidates
            .OrderByDescending(c => c.PushedAt)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(Count);

    public string Describe() => $"keep the {Count} most recently pushed";
}
