namespace Registry.Api.Management.Models;

/// <summary>
/// <c>POST /api/v1/webhooks</c> (name, url and secret required) and <c>PATCH /api/v1/webhooks/{id}</c> (what is
/// given replaces what was; an empty <c>repositoryPattern</c> removes the pattern). Lists left out mean "any".
/// </summary>
internal sealed record WebhookRequest(
    string? Name,
    string? Url,
    string? Secret,
    Dictionary<string, string>? Headers,
    IReadOnlyList<string>? Namespaces,
    IReadOnlyList<string>? Repositories,
    string? RepositoryPattern,
    IReadOnlyList<string>? Actions,
    bool? Enabled);
