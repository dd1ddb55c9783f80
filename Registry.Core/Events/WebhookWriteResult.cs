namespace Registry.Core.Events;

/// <summary>How creating or changing a webhook ended.</summary>
public enum WebhookWriteResult
{
    Written,
    NotFound,

    /// <summary>Another webhook has that name (or, on creation, that id).</summary>
    NameTaken,
}
