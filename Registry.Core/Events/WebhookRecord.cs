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
    DateTimeOffset UpdatedAt)
{
    /// <summary>What the audit log records of a webhook: its URL without query (which may hold a token), its actions, and whether it is enabled.</summary>
    public string Describe()
    {
        string url = Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri) ? uri.GetLeftPart(UriPartial.Path) : Url;
        string actions = Filter.Actions.Count == 0 ? "all actions" : string.Join(',', Filter.Actions);
        return $"{url}; {actions}; {(Enabled ? "enabled" : "disabled")}";
    }
}
