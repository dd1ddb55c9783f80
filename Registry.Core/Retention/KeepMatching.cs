using Registry.Core.Tags;

namespace Registry.Core.Retention;

/// <summary>
/// Keeps candidates whose whole name matches a regular expression, read as protection rules read theirs
/// (<see cref="TagPattern"/>: anchored at both ends, non-backtracking engine, so matching time is linear in the
/// name's length whatever the pattern). Validate the pattern with <see cref="TagPattern.Validate"/> before use.
/// </summary>
public sealed class KeepMatching(string pattern) : IKeepRule
{
    public string Pattern { get; } = TagPattern.Validate(pattern) is { } problem ? throw new ArgumentException(problem, nameof(pattern)) : pattern;

    public IEnumerable<RetentionCandidate> Keep(IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now)
        => candidates.Where(c => TagPattern.IsMatch(Pattern, c.Name));

    public string Describe() => $"keep names matching '{Pattern}'";
}
