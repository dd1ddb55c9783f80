using Registry.Core.Events;

namespace Registry.Core.Changes;

/// <summary>A webhook created, updated (<see cref="SecretChanged"/> when its secret was replaced) or deleted, as it is now (or was).</summary>
public sealed record WebhookChanged(Actor Actor, DateTimeOffset At, WebhookRecord Webhook, WebhookChangeKind Kind, bool SecretChanged) : ChangeRecord(Actor, At)
{
    public override string Subject => Webhook.Name;
}
