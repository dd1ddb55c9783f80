namespace Registry.Api.Catalog;

/// <summary>
/// Pulls of one manifest counted since the last flush, updated without locks. A counter with nothing to flush is
/// retired (its count set far below zero) before it is dropped from the map, so a pull racing with that sees the
/// retirement and counts in a fresh counter instead of one nobody flushes any more.
/// </summary>
internal sealed class PullCounter
{
    private const long Retired = long.MinValue / 2;
    private long _count;
    private long _lastTicks;

    /// <summary>Adds pulls (the time first, so a flush that takes the count sees the time too); false when retired.</summary>
    public bool TryAdd(long count, long ticks)
    {
        long seen = Volatile.Read(ref _lastTicks);
        while (ticks > seen)
        {
            long previous = Interlocked.CompareExchange(ref _lastTicks, ticks, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        return Interlocked.Add(ref _count, count) > 0;
    }

    /// <summary>Takes the pulls counted so far and the latest pull time.</summary>
    public (long Count, long LastTicks) Take()
    {
        long count = Interlocked.Exchange(ref _count, 0);
        return (count, Volatile.Read(ref _lastTicks));
    }

    /// <summary>Retires the counter if nothing was counted since the last <see cref="Take"/>.</summary>
    public bool TryRetire() => Interlocked.CompareExchange(ref _count, Retired, 0) == 0;
}
