using Registry.Api.Http;
using Registry.Api.Management.Problems;
using System.Diagnostics.CodeAnalysis;
using Registry.Api.Events;
using Registry.Api.Management.Models;
using Registry.Core.Access;
using Registry.Core.Events;
using Registry.Core.Primitives;

namespace Registry.Api.Management;

/// <summary>Checks a webhook request and applies it to a new webhook (creation) or an existing one (PATCH).</summary>
internal static class WebhookRequests
{
    public const int MinSecretLength = 16;
    private const int MaxSecretLength = 512;
    private const int MaxUrlLength = 2048;
    private const int MaxPatternLength = 1000;
    private const int MaxListLength = 100;
    private const int MaxHeaders = 20;
    private const int MaxHeaderValueLength = 4096;

    /// <summary>Headers the registry sets itself, which a webhook may not replace.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Content-Encoding", "Host", "Connection", "Transfer-Encoding", "Expect", "Upgrade",
        "Keep-Alive", "TE", "Trailer", "User-Agent", WebhookSignature.Header, WebhookSender.EventHeader, WebhookSender.DeliveryHeader,
        WebhookSender.AttemptHeader,
    };

    /// <summary>The webhook the request makes, or the problem with it.</summary>
    public static bool TryApply(WebhookRequest request, WebhookRecord current, bool creating, [NotNullWhen(true)] out WebhookRecord? webhook, [NotNullWhen(false)] out InputProblem? problem)
    {
        webhook = null;
        if (creating && (request.Name is null || request.Url is null || request.Secret is null))
        {
            problem = new InputProblem(request.Name is null ? "name" : request.Url is null ? "url" : "secret", "a webhook needs a name, a url and a secret");
            return false;
        }

        WebhookFilter filter = current.Filter with
        {
            Namespaces = request.Namespaces ?? current.Filter.Namespaces,
            Repositories = request.Repositories ?? current.Filter.Repositories,
            RepositoryPattern = request.RepositoryPattern is null ? current.Filter.RepositoryPattern
                : request.RepositoryPattern.Length == 0 ? null : request.RepositoryPattern,
            Actions = request.Actions ?? current.Filter.Actions,
        };
        WebhookRecord candidate = current with
        {
            Name = request.Name ?? current.Name,
            Url = request.Url ?? current.Url,
            Secret = request.Secret ?? current.Secret,
            Headers = request.Headers ?? current.Headers,
            Filter = filter with
            {
                Namespaces = [.. filter.Namespaces.Distinct(StringComparer.Ordinal)],
                Repositories = [.. filter.Repositories.Distinct(StringComparer.Ordinal)],
                Actions = [.. filter.Actions.Distinct(StringComparer.Ordinal)],
            },
            Enabled = request.Enabled ?? current.Enabled,
        };
        problem = Problem(candidate);
        if (problem is not null)
        {
            return false;
        }

        webhook = candidate;
        return true;
    }

    private static InputProblem? Problem(WebhookRecord webhook)
    {
        if (!AccountNames.IsValid(webhook.Name))
        {
            return new("name", $"webhook name '{webhook.Name}' is not valid: {AccountNames.Rule}");
        }

        if (webhook.Url.Length > MaxUrlLength || !Uri.TryCreate(webhook.Url, UriKind.Absolute, out Uri? url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.UserInfo.Length > 0)
        {
            return new("url", "url must be an absolute http or https URL without user information (send credentials in headers)");
        }

        if (webhook.Secret.Length is < MinSecretLength or > MaxSecretLength || webhook.Secret.Any(char.IsControl))
        {
            return new("secret", $"secret must have {MinSecretLength} to {MaxSecretLength} characters and no control characters");
        }

        return HeaderProblem(webhook.Headers) ?? FilterProblem(webhook.Filter);
    }

    private static InputProblem? HeaderProblem(IReadOnlyDictionary<string, string> headers)
    {
        if (headers.Count > MaxHeaders)
        {
            return new("headers", $"a webhook may have at most {MaxHeaders} headers");
        }

        foreach ((string name, string value) in headers)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                return new("headers", $"'{name}' is not a valid header name");
            }

            if (ReservedHeaders.Contains(name) || name.StartsWith("X-Registry-", StringComparison.OrdinalIgnoreCase))
            {
                return new("headers", $"header '{name}' is set by the registry");
            }

            if (value is null || value.Length > MaxHeaderValueLength || value.Any(char.IsControl))
            {
                return new("headers", $"the value of header '{name}' must have at most {MaxHeaderValueLength} characters and no control characters");
            }
        }

        return null;
    }

    private static InputProblem? FilterProblem(WebhookFilter filter)
    {
        if (filter.Namespaces.Count > MaxListLength || filter.Repositories.Count > MaxListLength || filter.Actions.Count > MaxListLength)
        {
            return new(filter.Namespaces.Count > MaxListLength ? "namespaces" : filter.Repositories.Count > MaxListLength ? "repositories" : "actions", $"namespaces, repositories and actions take at most {MaxListLength} entries each");
        }

        foreach (string ns in filter.Namespaces)
        {
            if (!AccessScope.TryCreate(ScopeKind.Namespace, ns, out _))
            {
                return new("namespaces", $"'{ns}' is not a namespace (one repository path component)");
            }
        }

        foreach (string repository in filter.Repositories)
        {
            if (!RepositoryName.TryParse(repository, out _))
            {
                return new("repositories", $"'{repository}' is not a valid repository name");
            }
        }

        if (filter.RepositoryPattern is { } pattern)
        {
            if (pattern.Length > MaxPatternLength)
            {
                return new("repositoryPattern", $"repositoryPattern may have at most {MaxPatternLength} characters");
            }

            if (!WebhookMatcher.TryCompile(pattern, out _, out string? error))
            {
                return new("repositoryPattern", $"repositoryPattern is not a usable regular expression: {error}");
            }
        }

        foreach (string action in filter.Actions)
        {
            if (!EventActions.IsSubscribable(action))
            {
                return new("actions", $"actions are {string.Join(", ", EventActions.Subscribable)}, not '{action}'");
            }
        }

        return null;
    }

    /// <summary>RFC 9110 token characters.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
