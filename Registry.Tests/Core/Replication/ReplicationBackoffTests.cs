using Registry.Core.Replication;

namespace Registry.Tests.Core.Replication;

/// <summary>When a rule whose runs could not reach the other registry runs again: growing waits, a cap, a limit, and a success ending the streak.</summary>
public sealed class ReplicationBackoffTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ReplicationBackoff Backoff = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 6);
    private static long _ids;

    private static ReplicationRun Run(string trigger, int second, bool unreachable, string status = ReplicationRun.FailedStatus)
        => new(Interlocked.Increment(ref _ids), "dr", trigger, "replication:dr", At.AddSeconds(second), At.AddSeconds(second + 1), status,
            0, 0, 0, 0, 0, 0, 0, 1, unreachable ? "the other registry could not be reached: connection refused" : null, [])
        {
            Unreachable = unreachable,
        };

    [Fact]
    public void DelayBefore_DoublesFromTheFirst_UpToTheMaximum()
        => Assert.Equal(
            [30, 60, 120, 240, 300, 300, 300],
            Enumerable.Range(1, 7).Select(a => (int)Backoff.DelayBefore(a).TotalSeconds));

    [Fact]
    public void Next_AfterAnUnreachableRun_IsTheFirstRetry_AFirstDelayAfterItEnded()
    {
        ReplicationRun failed = Run("cron", 0, unreachable: true);

        ReplicationRetry? retry = Backoff.Next([failed]);

        Assert.Equal((1, failed.EndedAt.AddSeconds(30), failed.Id), (retry?.Attempt, retry?.DueAt, retry?.AfterRun.Id));
    }

    [Fact]
    public void Next_CountsTheFailedRetriesOfTheStreak_AndWaitsLongerEachTime()
    {
        ReplicationRun origin = Run("manual", 0, unreachable: true);
        ReplicationRun first = Run("retry", 31, unreachable: true);
        ReplicationRun second = Run("retry", 92, unreachable: true);

        ReplicationRetry? retry = Backoff.Next([second, first, origin, Run("cron", -100, unreachable: false, ReplicationRun.Succeeded)]);

        Assert.Equal((3, second.EndedAt.AddMinutes(2)), (retry?.Attempt, retry?.DueAt));
    }

    [Fact]
    public void Next_IsNone_AfterASuccess_OrAFailureTheOtherRegistryAnswered()
    {
        Assert.Null(Backoff.Next([Run("retry", 60, unreachable: false, ReplicationRun.Succeeded), Run("manual", 0, unreachable: true)]));
        Assert.Null(Backoff.Next([Run("manual", 60, unreachable: false), Run("manual", 0, unreachable: true)]));
        Assert.Null(Backoff.Next([]));
    }

    [Fact]
    public void Next_IsNone_OnceTheLimitOfRetriesFailed_UntilAnotherTriggerStartsANewStreak()
    {
        var backoff = Backoff with { Attempts = 2 };
        ReplicationRun origin = Run("manual", 0, unreachable: true);
        ReplicationRun first = Run("retry", 31, unreachable: true);
        ReplicationRun second = Run("retry", 92, unreachable: true);

        Assert.Equal(2, backoff.Next([first, origin])?.Attempt);
        Assert.Null(backoff.Next([second, first, origin]));

        ReplicationRun cron = Run("cron", 3600, unreachable: true);
        Assert.Equal(1, backoff.Next([cron, second, first])?.Attempt);
    }

    [Fact]
    public void Next_IsNone_WhenRetriesAreOff()
        => Assert.Null(ReplicationBackoff.None.Next([Run("manual", 0, unreachable: true)]));
}
