namespace Registry.Api.Jobs;

/// <summary>
/// A lease this process holds. It renews itself every third of its time-to-live, each time until two thirds of it
/// ahead (<see cref="JobLeases.RowLifetime"/>); when a renewal finds another owner, or renewals keep failing until the
/// lease would have expired, <see cref="Lost"/> fires so the work under it stops. Disposing stops renewing and
/// releases it, so another owner can take it at once.
/// </summary>
internal sealed class HeldLease : IAsyncDisposable
{
    private readonly JobLeases _leases;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private int _disposed;

    internal HeldLease(JobLeases leases, string name, string owner, TimeSpan ttl, DateTimeOffset takenAt)
    {
        _leases = leases;
        Name = name;
        Owner = owner;
        Ttl = ttl;
        Lost = _lost.Token;
        _renewing = RenewAsync(takenAt);
    }

    public string Name { get; }

    public string Owner { get; }

    public TimeSpan Ttl { get; }

    /// <summary>Fires when the lease is no longer this process's.</summary>
    public CancellationToken Lost { get; }

    public bool IsLost => _lost.IsCancellationRequested;

    /// <param name="renewedAt">When the take or renewal that wrote the current expiry was asked for (the expiry is at least this plus the row's lifetime).</param>
    private async Task RenewAsync(DateTimeOffset renewedAt)
    {
        TimeProvider time = _leases.Time;
        TimeSpan every = JobLeases.RetryEvery(Ttl);
        TimeSpan lifetime = JobLeases.RowLifetime(Ttl);
        try
        {
            while (true)
            {
                await Task.Delay(every, time, _stop.Token);
                DateTimeOffset asked = time.GetUtcNow();
                bool held;
                try
                {
                    held = await _leases.RenewAsync(Name, Owner, Ttl, _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _leases.RenewFailed(Name, e);
                    if (time.GetUtcNow() - renewedAt < lifetime)
                    {
                        continue;
                    }

                    held = false;
                }

                if (!held)
                {
                    _leases.Lost(Name, Owner);
                    await _lost.CancelAsync();
                    return;
                }

                renewedAt = asked;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        await _renewing;
        if (!_lost.IsCancellationRequested)
        {
            await _leases.ReleaseAsync(Name, Owner);
        }

        _stop.Dispose();
    }
}
