using Registry.Core.Events;

namespace Registry.Api.Events;

/// <summary>
/// This node's copy of the enabled webhooks, ready to match events on the request path without touching the
/// database: with no webhook, a request pays one array-length check. Reloaded after every change made on this node
/// and every <see cref="WebhookSettings.RefreshInterval"/> (<see cref="WebhookRefresher"/>) for changes made on others.
/// </summary>
internal sealed class WebhookDirectory(IEventStore store)
{
    private volatile WebhookMatcher[] _matchers = [];

    public IEventStore Store => store;

    /// <summary>The ids of the enabled webhooks that want this event, or null when none does.</summary>
    public string[]? Match(string repository, string action)
    {
        WebhookMatcher[] matchers = _matchers;
        if (matchers.Length == 0)
        {
            return null;
        }

        List<string>? ids = null;
        foreach (WebhookMatcher matcher in matchers)
        {
            if (matcher.Matches(repository, action))
            {
                (ids ??= []).Add(matcher.WebhookId);
            }
        }

        return ids?.ToArray();
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        IReadOnlyList<WebhookRecord> webhooks = await store.ListWebhooksAsync(ct);
        _matchers = [.. webhooks.Where(w => w.Enabled).Select(w => new WebhookMatcher(w))];
    }
}
