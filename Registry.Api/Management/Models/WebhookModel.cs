using Registry.Core.Events;

namespace Registry.Api.Management.Models;

/// <summary>A webhook as the API shows it: never its secret, and of its headers only the names (values may be credentials).</summary>
internal sealed record WebhookModel(
    string Id,
    string Name,
    string Url,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Repositories,
    string? RepositoryPattern,
    IReadOnlyList<string> Actions,
    bool Enabled,
    IReadOnlyList<string> HeaderNames,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookModel From(WebhookRecord w) => new(
        w.Id, w.Name, w.Url, w.Filter.Namespaces, w.Filter.Repositories, w.Filter.RepositoryPattern, w.Filter.Actions, w.Enabled,
        [.. w.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase)], w.CreatedBy, w.CreatedAt, w.UpdatedAt);
}
