using Registry.Core.Storage;

namespace Registry.Api.Jobs;

/// <summary>
/// Takes named leases in the metadata store (row: name, owner, expiry) and hands them out as <see cref="HeldLease"/>s,
/// which renew themselves every third of their time-to-live until released. The one way background work — periodic
/// jobs, garbage collection passes, retention runs — keeps other processes and nodes out.
/// </summary>
/// <remarks>
/// The time-to-live is the longest a lease outlives a holder that dies (even <c>kill -9</c>) before another process
/// takes it. So each take or renewal writes an expiry two thirds of it ahead (<see cref="RowLifetime"/>), and those
/// who want the lease try again every third of it (<see cref="RetryEvery"/>): a holder that dies right after a renewal
/// leaves a row that expires within two thirds of the time-to-live, and the next attempt, at most a third later,
/// takes it. A row that lived the whole time-to-live would add up to that third on top.
/// </remarks>
internal sealed partial class JobLeases(IMetadataStore metadata, TimeProvider time, ILogger<JobLeases> logger)
{
    /// <summary>How far ahead a take or renewal of a lease with time-to-live <paramref name="ttl"/> sets its expiry: two thirds of it.</summary>
    public static TimeSpan RowLifetime(TimeSpan ttl) => TimeSpan.FromTicks(ttl.Ticks / 3 * 2);

    /// <summary>How often a holder renews, and a process without the lease tries to take it: every third of <paramref name="ttl"/>.</summary>
    public static TimeSpan RetryEvery(TimeSpan ttl) => TimeSpan.FromTicks(ttl.Ticks / 3);

    /// <summary>The lease, now held by <paramref name="owner"/> and renewing, or null when another owner holds it.</summary>
    public async Task<HeldLease?> TryTakeAsync(string name, string owner, TimeSpan ttl, CancellationToken ct)
    {
        DateTimeOffset asked = time.GetUtcNow();
        if (!await metadata.TryAcquireLeaseAsync(name, owner, RowLifetime(ttl), ct))
        {
            return null;
        }

        return new HeldLease(this, name, owner, ttl, asked);
    }

    /// <summary>Takes the lease, retrying every <paramref name="poll"/> for up to <paramref name="wait"/>; null when it stayed taken.</summary>
    public async Task<HeldLease?> TakeAsync(string name, string owner, TimeSpan ttl, TimeSpan wait, TimeSpan poll, CancellationToken ct)
    {
        DateTimeOffset giveUp = time.GetUtcNow() + wait;
        while (true)
        {
            if (await TryTakeAsync(name, owner, ttl, ct) is { } lease)
            {
                return lease;
            }

            if (time.GetUtcNow() >= giveUp)
            {
                return null;
            }

            await Task.Delay(poll, time, ct);
        }
    }

    internal TimeProvider Time => time;

    internal ValueTask<bool> RenewAsync(string name, string owner, TimeSpan ttl, CancellationToken ct)
        => metadata.TryAcquireLeaseAsync(name, owner, RowLifetime(ttl), ct);

    internal async Task ReleaseAsync(string name, string owner)
    {
        try
        {
            await metadata.ReleaseLeaseAsync(name, owner, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreleased, the lease lapses by itself at its expiry.
            LogReleaseFailed(logger, name, e);
        }
    }

    internal void RenewFailed(string name, Exception e) => LogRenewFailed(logger, name, e);

    internal void Lost(string name, string owner) => LogLost(logger, name, owner);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Could not renew lease {Lease}; retrying until it expires")]
    private static partial void LogRenewFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "Lost lease {Lease} (held as {Owner}): it expired or another owner took it; the work under it stops")]
    private static partial void LogLost(ILogger logger, string lease, string owner);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "Could not release lease {Lease}; it lapses at its expiry")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);
}
