namespace Registry.Core.Events;

/// <summary>
/// A webhook endpoint. The secret is stored as given (the registry needs it to sign every delivery), and never shown
/// again by the API; <paramref name="Headers"/> are sent with every delivery (e.g. an <c>Authorization</c> header a
/// receiver written for Distribution expects).
/// </summary>
public sealed record WebhookRecord(
    string Id,
    string Name,
    string Url,
    string Secret,
    IReadOnlyDictionary<string, string> Headers,
    WebhookFilter Filter,
    bool Enabled,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
