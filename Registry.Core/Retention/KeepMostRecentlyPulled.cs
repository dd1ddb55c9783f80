namespace Registry.Core.Retention;

/// <summary>
/// Keeps the <see cref="Count"/> candidates pulled last; never-pulled candidates are not among them (ties by name).
/// </summary>
public sealed class KeepMostRecentlyPulled(int count) : IKeepRule
{
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count));

    public IEnumerable<RetentionCandidate> Keep(IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now)
        => candidates
            .Where(c => c.PulledAt is not null)
            .OrderByDescending(c => c.PulledAt)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(Count);

    public string Describe() => $"keep the {Count} most recently pulled";
}
