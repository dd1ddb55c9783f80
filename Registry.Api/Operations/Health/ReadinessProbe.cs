using Microsoft.Extensions.Options;
using Registry.Core.Storage;

namespace Registry.Api.Operations.Health;

/// <summary>
/// Runs every <see cref="IReadinessCheck"/> at once, each bounded by <c>Registry:Operations:ReadinessTimeout</c>
/// (a hung connection fails the check instead of the probe). Failures are logged with their exception; the
/// answer names only the check and a short reason, never a connection string or a message from a driver.
/// </summary>
internal sealed partial class ReadinessProbe(
    IEnumerable<IReadinessCheck> checks,
    IOptions<OperationsOptions> options,
    TimeProvider time,
    ILogger<ReadinessProbe> logger)
{
    private readonly IReadinessCheck[] _checks = [.. checks];

    public async Task<IReadOnlyList<ReadinessResult>> RunAsync(CancellationToken ct)
    {
        var running = new Task<ReadinessResult>[_checks.Length];
        for (int i = 0; i < _checks.Length; i++)
        {
            running[i] = RunOneAsync(_checks[i], ct);
        }

        return await Task.WhenAll(running);
    }

    private async Task<ReadinessResult> RunOneAsync(IReadinessCheck check, CancellationToken ct)
    {
        TimeSpan timeout = options.Value.ReadinessTimeout;

        // Both bounds run on the registry's clock: the check's token is cancelled when the timeout passes, and
        // WaitAsync also ends the wait when a store ignores its cancellation token.
        using var expiry = new CancellationTokenSource(timeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
        try
        {
            await check.CheckAsync(cancel.Token).AsTask().WaitAsync(timeout, time, ct);
            return new ReadinessResult(check.Name, null);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogCheckTimedOut(logger, check.Name, timeout);
            return new ReadinessResult(check.Name, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (StorageUnavailableException e)
        {
            // Its message is the registry's own (bucket, endpoint, error code; no secret): the answer may carry it.
            LogCheckFailed(logger, e, check.Name);
            return new ReadinessResult(check.Name, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckFailed(logger, e, check.Name);
            return new ReadinessResult(check.Name, $"unreachable ({e.GetType().Name}); see the registry log");
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Readiness check {Check} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string check);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Readiness check {Check} got no answer within {Timeout}")]
    private static partial void LogCheckTimedOut(ILogger logger, string check, TimeSpan timeout);
}
