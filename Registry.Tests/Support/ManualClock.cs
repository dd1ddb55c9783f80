namespace Registry.Tests.Support;

/// <summary>
/// A clock that tests move forward by hand (to push tags "months apart"); timers still run on real time, so
/// background services keep working.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
