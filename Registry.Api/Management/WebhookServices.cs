using Registry.Api.Events;
using Registry.Core.Events;

namespace Registry.Api.Management;

/// <summary>What the webhook endpoints use besides <see cref="ManagementServices"/>, resolved once.</summary>
internal sealed class WebhookServices(WebhookDirectory directory, EventQueue queue, EventPublisher publisher, WebhookSender sender)
{
    public IEventStore Store => directory.Store;

    public WebhookDirectory Directory => directory;

    public EventQueue Queue => queue;

    public EventPublisher Publisher => publisher;

    public WebhookSender Sender => sender;
}
