using Registry.Core.Changes;

namespace Registry.Api.Events;

/// <summary>Reloads this node's list of webhooks (<see cref="WebhookDirectory"/>) when one was created, changed or deleted here; other nodes reload on their refresh interval.</summary>
internal sealed class WebhookDirectoryChangeListener(WebhookDirectory directory) : IChangeListener
{
    public async ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        if (changes.Any(c => c is WebhookChanged))
        {
            await directory.RefreshAsync(ct);
        }
    }
}
