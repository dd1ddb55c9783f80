using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Registry.Core.Events;

/// <summary>
/// A webhook's filter, ready to test events against on the request path: no allocation per test, and the repository
/// pattern compiled once with the non-backtracking engine, so no pattern can make matching slow.
/// </summary>
public sealed class WebhookMatcher
{
    private readonly HashSet<string> _namespaces;
    private readonly HashSet<string> _repositories;
    private readonly Regex? _pattern;
    private readonly HashSet<string> _actions;
    private readonly bool _anyRepository;

    public WebhookMatcher(WebhookRecord webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        WebhookId = webhook.Id;
        WebhookFilter filter = webhook.Filter;
        _namespaces = new HashSet<string>(filter.Namespaces, StringComparer.Ordinal);
        _repositories = new HashSet<string>(filter.Repositories, StringComparer.Ordinal);
        _actions = new HashSet<string>(filter.Actions, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(filter.RepositoryPattern))
        {
            // A pattern stored by an older version that no longer compiles matches nothing rather than everything.
            _pattern = TryCompile(filter.RepositoryPattern, out Regex? regex, out _) ? regex : new Regex("(?!)", RegexOptions.NonBacktracking);
        }

        _anyRepository = _namespaces.Count == 0 && _repositories.Count == 0 && _pattern is null;
    }

    public string WebhookId { get; }

    /// <summary>Whether the webhook wants an event of this action on this repository. <c>ping</c> is never matched.</summary>
    public bool Matches(string repository, string action)
    {
        if (action == EventActions.Ping || (_actions.Count > 0 && !_actions.Contains(action)))
        {
            return false;
        }

        if (_anyRepository || _repositories.Contains(repository))
        {
            return true;
        }

        if (_namespaces.Count > 0)
        {
            int slash = repository.IndexOf('/', StringComparison.Ordinal);
            if (_namespaces.GetAlternateLookup<ReadOnlySpan<char>>().Contains(slash < 0 ? repository : repository.AsSpan(0, slash)))
            {
                return true;
            }
        }

        return _pattern is not null && _pattern.IsMatch(repository);
    }

    /// <summary>Compiles a repository pattern: a .NET regular expression that must match the whole repository name.</summary>
    public static bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            regex = new Regex($"^(?:{pattern})\\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            error = null;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            regex = null;
            error = e.Message;
            return false;
        }
    }
}
