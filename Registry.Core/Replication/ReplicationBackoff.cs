namespace Registry.Core.Replication;

/// <summary>
/// When a rule whose runs could not reach the other registry runs again (trigger <c>retry</c>): after the first such
/// run, <see cref="FirstDelay"/>; each retry that fails the same way doubles the wait, up to <see cref="MaxDelay"/>;
/// after <see cref="Attempts"/> retries the rule waits for its next trigger (cron, push or by hand). The state is the
/// rule's own run history, so every node reads the same and a restart forgets nothing: the streak is the newest runs
/// that were <see cref="ReplicationRun.Unreachable"/>; any other run (a success, or a failure the other registry
/// answered) ends it. A run started by another trigger inside a streak starts its count again.
/// </summary>
public sealed record ReplicationBackoff(TimeSpan FirstDelay, TimeSpan MaxDelay, int Attempts)
{
    /// <summary>No retries.</summary>
    public static ReplicationBackoff None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);

    /// <summary>How many of a rule's newest runs <see cref="Next"/> needs to see.</summary>
    public int RunsNeeded => Attempts + 1;

    /// <summary>The wait before retry <paramref name="attempt"/> (1 for the first): the first delay doubled per earlier retry, at most the maximum.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        TimeSpan delay = FirstDelay;
        for (int i = 1; i < attempt && delay < MaxDelay; i++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>
    /// The retry the rule's runs call for, or null: none when the newest run reached the other registry, and none once
    /// <see cref="Attempts"/> retries failed in a row. <paramref name="newestFirst"/> is the rule's newest runs (at
    /// least <see cref="RunsNeeded"/> of them when it has that many).
    /// </summary>
    public ReplicationRetry? Next(IReadOnlyList<ReplicationRun> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        if (Attempts <= 0 || newestFirst.Count == 0 || !newestFirst[0].Unreachable)
        {
            return null;
        }

        int retries = 0;
        foreach (ReplicationRun run in newestFirst)
        {
            if (!run.Unreachable || run.Trigger != ReplicationTriggerNames.Retry)
            {
                break;
            }

            retries++;
        }

        if (retries >= Attempts)
        {
            return null;
        }

        ReplicationRun latest = newestFirst[0];
        return new ReplicationRetry(retries + 1, latest.EndedAt + DelayBefore(retries + 1), latest);
    }
}
