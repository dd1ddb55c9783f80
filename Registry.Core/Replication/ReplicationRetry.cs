namespace Registry.Core.Replication;

/// <summary>
/// A retry that is due or coming: attempt <see cref="Attempt"/> (1 for the first retry) of a streak of runs that could
/// not reach the other registry, at <see cref="DueAt"/>, after run <see cref="AfterRun"/> (the streak's newest).
/// </summary>
public sealed record ReplicationRetry(int Attempt, DateTimeOffset DueAt, ReplicationRun AfterRun)
{
    /// <summary>Why the retry runs, for its run's record.</summary>
    public string Reason(int attempts)
        => $"retry {Attempt} of {attempts}: run {AfterRun.Id} could not reach the other registry";
}
