using Registry.Core.Events;

namespace Registry.Core.Changes;

/// <summary>An event queued again for a webhook by an admin: <see cref="Delivery"/> repeats <see cref="Original"/> (audited as <c>webhook.redeliver</c>).</summary>
public sealed record WebhookRedelivered(Actor Actor, DateTimeOffset At, WebhookRecord Webhook, long Original, long Delivery, string EventId) : ChangeRecord(Actor, At)
{
    public override string Subject => Webhook.Name;
}
