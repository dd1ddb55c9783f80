using Registry.Api.Jobs;

namespace Registry.Tests.Jobs;

/// <summary>Counts its runs; when <see cref="Block"/> is set, each run waits until it is cancelled and counts that.</summary>
internal sealed class CountingJob : ILeasedJob
{
    private int _runs;
    private int _cancelled;

    public bool Block { get; init; }

    public int Runs => Volatile.Read(ref _runs);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        if (Block)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
    }
}
