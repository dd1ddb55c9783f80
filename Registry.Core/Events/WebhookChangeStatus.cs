namespace Registry.Core.Events;

public enum WebhookChangeStatus
{
    Done,

    /// <summary>Managing webhooks needs the global admin role.</summary>
    Denied,

    /// <summary>Another webhook has that name.</summary>
    NameTaken,

    NotFound,
}
