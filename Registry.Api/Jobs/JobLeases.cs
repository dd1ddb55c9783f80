using Registry.Core.Storage;

namespace Registry.Api.Jobs;

/// <summary>
/// Takes named leases in the metadata store (row: name, owner, expiry) and hands them out as <see cref="HeldLease"/>s,
/// which renew themselves every third of their time-to-live until released. The one way background work — periodic
/// jobs, garbage collection passes, retention runs — keeps other processes and nodes out.
/// </summary>
internal sealed partial class JobLeases(IMetadataStore metadata, TimeProvider time, ILogger<JobLeases> logger)
{
    /// <summary>The lease, now held by <paramref name="owner"/> and renewing, or null when another owner holds it.</summary>
    public async Task<HeldLease?> TryTakeAsync(string name, string owner, TimeSpan ttl, CancellationToken ct)
    {
        if (!await metadata.TryAcquireLeaseAsync(name, owner, ttl, ct))
        {
            return null;
        }

        return new HeldLease(this, name, owner, ttl, time.GetUtcNow());
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
        => metadata.TryAcquireLeaseAsync(name, owner, ttl, ct);

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
