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

    /// <summary>Waits until <see cref="Set"/> is called or the timeout passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
