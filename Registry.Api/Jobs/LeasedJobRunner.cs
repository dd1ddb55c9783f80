using Microsoft.Extensions.Options;

namespace Registry.Api.Jobs;

/// <summary>
/// Runs one job every interval. A fleet job runs only while this process holds the job's lease: the runner tries to
/// take it every third of its time-to-live, and once it holds it, runs the job at once and then every interval,
/// renewing the lease meanwhile. A lost lease cancels the run in progress and sends the runner back to trying; a
/// graceful stop releases the lease so another node takes over at once, and a killed holder's lease is taken over
/// when it expires, within the time-to-live of the kill (see <see cref="JobLeases"/>). A node job runs on every node
/// with no lease.
/// </summary>
internal sealed partial class LeasedJobRunner(
    JobDefinition definition,
    ILeasedJob job,
    JobSchedule schedule,
    JobLeases leases,
    NodeIdentity node,
    IOptions<JobSettings> settings,
    TimeProvider time,
    ILogger<LeasedJobRunner> logger) : BackgroundService
{
    public string Name => definition.Name;

    public TimeSpan LeaseTtl => settings.Value.TtlOf(definition.Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Enabled)
        {
            return;
        }

        try
        {
            if (definition.Scope == JobScope.Node)
            {
                await RunEveryIntervalAsync(stoppingToken);
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await using (HeldLease? lease = await TryTakeAsync(stoppingToken))
                {
                    if (lease is not null)
                    {
                        LogTook(logger, Name, node.Id, LeaseTtl);
                        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                        await RunEveryIntervalAsync(linked.Token);
                        continue;
                    }
                }

                await Task.Delay(JobLeases.RetryEvery(LeaseTtl), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<HeldLease?> TryTakeAsync(CancellationToken ct)
    {
        try
        {
            return await leases.TryTakeAsync(Name, node.Id, LeaseTtl, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTakeFailed(logger, Name, e);
            return null;
        }
    }

    /// <summary>Runs now and then every interval until <paramref name="ct"/> fires (stop, or the lease lost).</summary>
    private async Task RunEveryIntervalAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                long started = time.GetTimestamp();
                try
                {
                    await job.RunOnceAsync(ct);
                    LogRan(logger, Name, time.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRunFailed(logger, Name, e);
                }

                await Task.Delay(schedule.Interval, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1910, Level = LogLevel.Information, Message = "Job {Job} now runs on this node (lease held as {Owner}, time-to-live {Ttl})")]
    private static partial void LogTook(ILogger logger, string job, string owner, TimeSpan ttl);

    [LoggerMessage(EventId = 1911, Level = LogLevel.Debug, Message = "Job {Job} ran in {Milliseconds} ms")]
    private static partial void LogRan(ILogger logger, string job, double milliseconds);

    [LoggerMessage(EventId = 1912, Level = LogLevel.Warning, Message = "Job {Job} failed; it runs again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(EventId = 1913, Level = LogLevel.Warning, Message = "Could not take the lease of job {Job}; retrying")]
    private static partial void LogTakeFailed(ILogger logger, string job, Exception exception);
}
