namespace Registry.Core.Events;

/// <summary>
/// Webhooks, the events they were sent, and the delivery queue. Deliveries live in the metadata store, so they
/// survive restarts and any node can send them; a claim gives a delivery to one node at a time, for a lease, so a
/// node that dies mid-attempt leaves it to be retried by another.
/// </summary>
public interface IEventStore
{
    /// <summary>Every webhook, ordered by name.</summary>
    ValueTask<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken ct);

    ValueTask<WebhookRecord?> GetWebhookAsync(string id, CancellationToken ct);

    /// <summary><see cref="WebhookWriteResult.NameTaken"/> when a webhook with that id or name exists.</summary>
    ValueTask<WebhookWriteResult> CreateWebhookAsync(WebhookRecord webhook, CancellationToken ct);

    /// <summary>Replaces everything but the id, creator and creation time.</summary>
    ValueTask<WebhookWriteResult> UpdateWebhookAsync(WebhookRecord webhook, CancellationToken ct);

    /// <summary>Deletes the webhook and its deliveries; false when it is unknown.</summary>
    ValueTask<bool> DeleteWebhookAsync(string id, CancellationToken ct);

    /// <summary>
    /// Stores the events, and for each one a pending delivery, due now, to every webhook it names that still exists
    /// and is enabled; all in one transaction. An event id stored before is not stored again.
    /// </summary>
    ValueTask EnqueueAsync(IReadOnlyList<QueuedEvent> events, CancellationToken ct);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries that are due, of enabled webhooks, and not claimed by
    /// anyone whose claim still runs: they are <paramref name="node"/>'s until <paramref name="now"/> + <paramref name="lease"/>.
    /// Concurrent calls (from any node) never return the same delivery while its claim runs.
    /// </summary>
    ValueTask<IReadOnlyList<ClaimedDelivery>> ClaimDueDeliveriesAsync(string node, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct);

    /// <summary>
    /// Records an attempt and ends the claim. False, and nothing changes, when the delivery is no longer claimed by
    /// <see cref="DeliveryAttempt.Node"/> (its lease ran out and another node took it, or it was deleted).
    /// </summary>
    ValueTask<bool> RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken ct);

    /// <summary>Ends the node's claims without counting an attempt (a node that stops), so any node may send them at once.</summary>
    ValueTask<int> ReleaseClaimsAsync(string node, CancellationToken ct);

    /// <summary>The webhook's deliveries matching the query, newest first, at most <see cref="DeliveryQuery.Limit"/>.</summary>
    ValueTask<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query, CancellationToken ct);

    /// <summary>How many deliveries the webhook has, with that status when one is given.</summary>
    ValueTask<long> CountDeliveriesAsync(string webhookId, DeliveryStatus? status, CancellationToken ct);

    /// <summary>The webhook's delivery with that id, else null.</summary>
    ValueTask<WebhookDelivery?> GetDeliveryAsync(string webhookId, long deliveryId, CancellationToken ct);

    /// <summary>
    /// Queues a new delivery, due at <paramref name="at"/>, of the event the webhook's delivery <paramref name="deliveryId"/>
    /// carried, marked as its redelivery by <paramref name="actor"/>; returns the new delivery's id, null when there is
    /// no such delivery.
    /// </summary>
    ValueTask<long?> AddRedeliveryAsync(string webhookId, long deliveryId, string actor, DateTimeOffset at, CancellationToken ct);

    /// <summary>Deletes deliveries that ended (delivered or failed) and were created before the cutoff, then events left without deliveries; returns the deliveries deleted.</summary>
    ValueTask<int> PruneAsync(DateTimeOffset before, CancellationToken ct);
}
