namespace Registry.Tests.Support;

/// <summary>
/// The system clock plus an offset the test moves forward. Time runs on its own as in production (timers and
/// timestamps are the system's, so background passes and lease renewals go on), and <see cref="Skip"/> jumps the
/// time of day ahead, e.g. past every pin written so far, without waiting for it. For tests of races against
/// background work, where a clock that stood still (<see cref="ManualClock"/>, FakeTimeProvider) would stop it.
/// </summary>
public sealed class SkippingClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Skip(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
