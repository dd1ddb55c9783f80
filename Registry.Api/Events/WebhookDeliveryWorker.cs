using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Events;

namespace Registry.Api.Events;

/// <summary>
/// Sends due deliveries, on every node: claims them in the store (each goes to one node at a time, for
/// <see cref="WebhookSettings.ClaimLease"/>), POSTs them with up to <see cref="WebhookSettings.MaxConcurrency"/> in
/// flight, and records each attempt: delivered, retried later with backoff, or failed after
/// <see cref="WebhookSettings.MaxAttempts"/>. It wakes at once when this node stored deliveries and every
/// <see cref="WebhookSettings.PollInterval"/> for the others'. Stopping, it lets attempts in flight finish for a
/// few seconds, then hands its remaining claims back so another node (or the next start) sends them.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    IEventStore store,
    WebhookSender sender,
    DeliverySignal signal,
    NodeIdentity node,
    IOptions<WebhookSettings> options,
    TimeProvider time,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _sending = new();

    private int _disposed;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host disposed before it was stopped (a test server torn down) calls this after Dispose: nothing to end.
        if (Volatile.Read(ref _disposed) == 0)
        {
            _sending.CancelAfter(StopGrace);
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _sending.Cancel();
            _sending.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WebhookSettings settings = options.Value;
        CancellationToken sending = _sending.Token;   // read once: the source may be disposed while attempts finish
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                int capacity = settings.MaxConcurrency - running.Count;
                if (capacity <= 0)
                {
                    await Task.WhenAny(running).WaitAsync(stoppingToken);
                    continue;
                }

                IReadOnlyList<ClaimedDelivery> claimed = await ClaimAsync(capacity, settings, stoppingToken);
                foreach (ClaimedDelivery delivery in claimed)
                {
                    running.Add(DeliverAsync(delivery, settings, sending));
                }

                if (claimed.Count < capacity)
                {
                    // Nothing more is due now: wait for this node's next events or the next poll.
                    await signal.WaitAsync(settings.PollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
        try
        {
            await store.ReleaseClaimsAsync(node.Id, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The claims lapse by themselves after the lease.
            LogReleaseFailed(logger, e);
        }
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int limit, WebhookSettings settings, CancellationToken ct)
    {
        try
        {
            return await store.ClaimDueDeliveriesAsync(node.Id, time.GetUtcNow(), settings.ClaimLease, limit, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogClaimFailed(logger, e);
            return [];
        }
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, WebhookSettings settings, CancellationToken sending)
    {
        int attempt = delivery.Attempts + 1;
        WebhookSendResult result;
        try
        {
            byte[] body = EventEnvelope.Wrap([delivery.Payload]);
            result = await sender.SendAsync(delivery.Url, delivery.Secret, delivery.Headers, body, delivery.EventId,
                delivery.Id.ToString(CultureInfo.InvariantCulture), attempt, sending);
        }
        catch (OperationCanceledException) when (sending.IsCancellationRequested)
        {
            // Stopping: the attempt is not counted and the claim is handed back.
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A request that could not even be made (say, a URL stored by an older version that HttpClient refuses)
            // is a failed attempt like any other, not the end of the worker.
            result = new WebhookSendResult(false, null, e.Message);
        }

        DateTimeOffset now = time.GetUtcNow();
        DeliveryStatus status = result.Delivered ? DeliveryStatus.Delivered
            : attempt >= settings.MaxAttempts ? DeliveryStatus.Failed
            : DeliveryStatus.Pending;
        DateTimeOffset next = status == DeliveryStatus.Pending
            ? now + DeliveryBackoff.Delay(attempt, settings.InitialBackoff, settings.MaxBackoff, Random.Shared.NextDouble())
            : now;
        try
        {
            if (!await store.RecordAttemptAsync(new DeliveryAttempt(delivery.Id, node.Id, status, result.StatusCode, result.Error, now, next), CancellationToken.None))
            {
                LogClaimLost(logger, delivery.Id, delivery.WebhookId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unrecorded, the claim lapses and the delivery is sent again: at least once rather than lost.
            LogRecordFailed(logger, delivery.Id, e);
            return;
        }

        switch (status)
        {
            case DeliveryStatus.Delivered:
                LogDelivered(logger, delivery.EventId, delivery.WebhookId, attempt);
                break;
            case DeliveryStatus.Pending:
                LogRetrying(logger, delivery.EventId, delivery.WebhookId, attempt, result.Error, next);
                break;
            default:
                LogGaveUp(logger, delivery.EventId, delivery.WebhookId, attempt, result.Error);
                break;
        }
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Delivered event {EventId} to webhook {WebhookId} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string eventId, string webhookId, int attempt);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Delivery of event {EventId} to webhook {WebhookId} failed (attempt {Attempt}: {Error}); retrying at {NextAttemptAt:O}")]
    private static partial void LogRetrying(ILogger logger, string eventId, string webhookId, int attempt, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Gave up delivering event {EventId} to webhook {WebhookId} after {Attempt} attempts (last: {Error})")]
    private static partial void LogGaveUp(ILogger logger, string eventId, string webhookId, int attempt, string? error);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Could not claim webhook deliveries; retrying at the next poll")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Could not record the attempt of delivery {DeliveryId}; it will be sent again when its claim lapses")]
    private static partial void LogRecordFailed(ILogger logger, long deliveryId, Exception exception);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to webhook {WebhookId} was no longer claimed by this node when its attempt ended (claim lapsed or webhook deleted)")]
    private static partial void LogClaimLost(ILogger logger, long deliveryId, string webhookId);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "Could not hand back this node's webhook delivery claims; they lapse by themselves")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
