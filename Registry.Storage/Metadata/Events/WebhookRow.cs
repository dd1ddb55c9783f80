using Registry.Core.Events;
using Registry.Storage.Metadata.Access;

namespace Registry.Storage.Metadata.Events;

/// <summary>A <c>webhooks</c> row as Dapper fills it (and as statements take it) in either metadata store.</summary>
internal sealed class WebhookRow
{
    public const string Columns = "id, name, url, secret, headers, namespaces, repositories, repository_pattern, actions, enabled, created_by, created_at, updated_at";

    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    public string Headers { get; set; } = "{}";

    public string Namespaces { get; set; } = "[]";

    public string Repositories { get; set; } = "[]";

    public string? RepositoryPattern { get; set; }

    public string Actions { get; set; } = "[]";

    public bool Enabled { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public static WebhookRow From(WebhookRecord webhook) => new()
    {
        Id = webhook.Id,
        Name = webhook.Name,
        Url = webhook.Url,
        Secret = webhook.Secret,
        Headers = EventsJson.Headers(webhook.Headers),
        Namespaces = EventsJson.List(webhook.Filter.Namespaces),
        Repositories = EventsJson.List(webhook.Filter.Repositories),
        RepositoryPattern = webhook.Filter.RepositoryPattern,
        Actions = EventsJson.List(webhook.Filter.Actions),
        Enabled = webhook.Enabled,
        CreatedBy = webhook.CreatedBy,
        CreatedAt = AccessTime.Ms(webhook.CreatedAt),
        UpdatedAt = AccessTime.Ms(webhook.UpdatedAt),
    };

    public WebhookRecord ToRecord() => new(
        Id,
        Name,
        Url,
        Secret,
        EventsJson.Headers(Headers),
        new WebhookFilter(EventsJson.List(Namespaces), EventsJson.List(Repositories), RepositoryPattern, EventsJson.List(Actions)),
        Enabled,
        CreatedBy,
        AccessTime.From(CreatedAt),
        AccessTime.From(UpdatedAt));
}
