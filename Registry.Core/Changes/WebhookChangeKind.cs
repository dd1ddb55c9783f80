namespace Registry.Core.Changes;

public enum WebhookChangeKind
{
    Created,
    Updated,
    Deleted,
}
