namespace Registry.Api.Events;

/// <summary>Wakes this node's delivery worker when it stored new deliveries, so they go out at once rather than at the next poll.</summary>
internal sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set.
        }
    }

    /// <summary>
    /// Waits until <see cref="Set"/> is called or <paramref name="timeout"/> passes on <paramref name="time"/> (the
    /// registry's clock, so a test that advances a fake clock past a poll interval wakes the worker). A wait that the
    /// timeout ends is cancelled, so it never swallows a later <see cref="Set"/>.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task signalled = _signal.WaitAsync(done.Token);
        Task elapsed = Task.Delay(timeout, time, done.Token);
        await Task.WhenAny(signalled, elapsed).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        try
        {
            // The semaphore drops a cancelled waiter a moment after the cancellation; until it has, a Set would go to
            // it. Returning only once it is gone (or has taken a Set that came meanwhile: the worker polls next anyway)
            // keeps every later Set for the next wait.
            await signalled.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        ct.ThrowIfCancellationRequested();
    }
}
