namespace Registry.Core.Retention;

/// <summary>
/// Keeps candidates pushed within <see cref="PushedWithin"/> or pulled within <see cref="PulledWithin"/> of now
/// (either may be null, not both).
/// </summary>
public sealed class KeepRecent : IKeepRule
{
    public KeepRecent(TimeSpan? pushedWithin, TimeSpan? pulledWithin)
    {
        if (pushedWithin is null && pulledWithin is null)
        {
            throw new ArgumentException("give pushedWithin, pulledWithin or both");
        }

        if (pushedWithin <= TimeSpan.Zero || pulledWithin <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pushedWithin), "durations must be positive");
        }

        PushedWithin = pushedWithin;
        PulledWithin = pulledWithin;
    }

    public TimeSpan? PushedWithin { get; }

    public TimeSpan? PulledWithin { get; }

    public IEnumerable<RetentionCandidate> Keep(IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now)
        => candidates.Where(c =>
            (PushedWithin is { } pushed && c.PushedAt >= now - pushed)
            || (PulledWithin is { } pulled && c.PulledAt is { } at && at >= now - pulled));

    public string Describe() => (PushedWithin, PulledWithin) switch
    {
        ({ } pushed, null) => $"keep what was pushed within {pushed}",
        (null, { } pulled) => $"keep what was pulled within {pulled}",
        _ => $"keep what was pushed within {PushedWithin} or pulled within {PulledWithin}",
    };
}
