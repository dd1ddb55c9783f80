using Registry.Core.Storage;

namespace Registry.Api.Operations.Health;

/// <summary>
/// At start-up, says in the log exactly what keeps the blob store from being used (a missing bucket, refused
/// credentials, an unreachable endpoint) instead of leaving it to the first push. The node still starts: /readyz
/// answers 503 with the same reason until the store can be used, and requests that need it answer 503.
/// </summary>
internal sealed partial class BlobStoreStartupCheck(IBlobStore blobs, ILogger<BlobStoreStartupCheck> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task RunAsync(CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(Timeout);
        try
        {
            await blobs.CheckAvailableAsync(bounded.Token);
        }
        catch (StorageUnavailableException e)
        {
            LogUnavailable(logger, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogNoAnswer(logger, Timeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Blob storage cannot be used: {Reason}. /readyz answers 503 and requests that need storage answer 503 until it can")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Blob storage check failed at start-up; /readyz tells when the store can be used")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Blob storage gave no answer within {Timeout} at start-up; /readyz tells when it does")]
    private static partial void LogNoAnswer(ILogger logger, TimeSpan timeout);
}
