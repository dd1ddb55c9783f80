namespace Registry.Tests.Jobs;

/// <summary>
/// Another clock (a FakeTimeProvider) as seen by one component, telling the test each time that component starts
/// waiting on it (a timer created: <c>Task.Delay</c>, <c>PeriodicTimer</c>). So a test knows the component finished
/// what it did before the wait, instead of sleeping and hoping it did.
/// </summary>
internal sealed class WaitWatchingClock(TimeProvider inner) : TimeProvider
{
    private readonly SemaphoreSlim _waits = new(0);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = inner.CreateTimer(callback, state, dueTime, period);
        _waits.Release();
        return timer;
    }

    /// <summary>Waits (real time, at most <paramref name="limit"/>) until the component starts its next wait on the clock.</summary>
    public async Task NextWaitAsync(TimeSpan limit)
        => Assert.True(await _waits.WaitAsync(limit), $"nothing started waiting on the clock within {limit}");
}
