using Registry.Core.Access;
using Registry.Core.Changes;

namespace Registry.Core.Events;

/// <summary>
/// Creates, updates and deletes webhooks for the management API and the console alike: only a global admin may, a
/// name is taken once, and each change is announced (<see cref="WebhookChanged"/>: audited as <c>webhook.create</c>,
/// <c>webhook.update</c>, <c>webhook.delete</c>, and the node's list of webhooks reloaded). The request is parsed
/// and checked (URL, secret, filters) at the edge, which hands over the webhook as it should be stored.
/// </summary>
public sealed class WebhookService(IEventStore store, IChangeFeed feed, TimeProvider time)
{
    public const string DeniedMessage = "webhooks need the global admin role";

    public async ValueTask<WebhookChangeStatus> CreateAsync(Actor actor, Permissions permissions, WebhookRecord webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return WebhookChangeStatus.Denied;
        }

        WebhookWriteResult written = await feed.RecordAsync(
            c => store.CreateWebhookAsync(webhook, c),
            result => result == WebhookWriteResult.Written ? [new WebhookChanged(actor, time.GetUtcNow(), webhook, WebhookChangeKind.Created, SecretChanged: false)] : [],
            ct).ConfigureAwait(false);
        return written == WebhookWriteResult.Written ? WebhookChangeStatus.Done : WebhookChangeStatus.NameTaken;
    }

    public async ValueTask<WebhookChangeStatus> UpdateAsync(Actor actor, Permissions permissions, WebhookRecord webhook, bool secretChanged, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return WebhookChangeStatus.Denied;
        }

        WebhookWriteResult written = await feed.RecordAsync(
            c => store.UpdateWebhookAsync(webhook, c),
            result => result == WebhookWriteResult.Written ? [new WebhookChanged(actor, time.GetUtcNow(), webhook, WebhookChangeKind.Updated, secretChanged)] : [],
            ct).ConfigureAwait(false);
        return written switch
        {
            WebhookWriteResult.NotFound => WebhookChangeStatus.NotFound,
            WebhookWriteResult.NameTaken => WebhookChangeStatus.NameTaken,
            _ => WebhookChangeStatus.Done,
        };
    }

    /// <summary>
    /// Queues a new delivery of the event an ended (delivered or failed) delivery carried, the same payload, attempted
    /// and retried like any other; it names the delivery it repeats and who asked (<see cref="WebhookRedelivered"/>:
    /// audited as <c>webhook.redeliver</c>). A pending delivery is being attempted already, so it is refused.
    /// </summary>
    public async ValueTask<RedeliveryResult> RedeliverAsync(Actor actor, Permissions permissions, string webhookId, long deliveryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return RedeliveryResult.Of(RedeliveryStatus.Denied);
        }

        if (await store.GetWebhookAsync(webhookId, ct).ConfigureAwait(false) is not { } webhook
            || await store.GetDeliveryAsync(webhookId, deliveryId, ct).ConfigureAwait(false) is not { } original)
        {
            return RedeliveryResult.Of(RedeliveryStatus.NotFound);
        }

        if (original.Status == DeliveryStatus.Pending)
        {
            return RedeliveryResult.Of(RedeliveryStatus.StillPending);
        }

        DateTimeOffset now = time.GetUtcNow();
        long? queued = await feed.RecordAsync(
            c => store.AddRedeliveryAsync(webhookId, deliveryId, actor.Name, now, c),
            id => id is { } added ? [new WebhookRedelivered(actor, now, webhook, deliveryId, added, original.EventId)] : [],
            ct).ConfigureAwait(false);
        return queued is null ? RedeliveryResult.Of(RedeliveryStatus.NotFound) : new RedeliveryResult(RedeliveryStatus.Queued, queued);
    }

    public async ValueTask<(WebhookChangeStatus Status, WebhookRecord? Deleted)> DeleteAsync(Actor actor, Permissions permissions, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.IsGlobalAdmin)
        {
            return (WebhookChangeStatus.Denied, null);
        }

        if (await store.GetWebhookAsync(id, ct).ConfigureAwait(false) is not { } webhook)
        {
            return (WebhookChangeStatus.NotFound, null);
        }

        bool deleted = await feed.RecordAsync(
            c => store.DeleteWebhookAsync(id, c),
            deleted => deleted ? [new WebhookChanged(actor, time.GetUtcNow(), webhook, WebhookChangeKind.Deleted, SecretChanged: false)] : [],
            ct).ConfigureAwait(false);
        return deleted ? (WebhookChangeStatus.Done, webhook) : (WebhookChangeStatus.NotFound, null);
    }
}
