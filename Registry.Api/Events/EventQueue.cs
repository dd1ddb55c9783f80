using Registry.Api.Jobs;
using Registry.Core.Events;

namespace Registry.Api.Events;

/// <summary>
/// Puts events into the metadata store without a database write on the request's path (a <see cref="BatchWriter{T}"/>):
/// each batch is one transaction holding the events and a delivery per matching webhook. Written events are delivered
/// from the store, so they survive a restart; a node that is killed loses only the events of its last few milliseconds.
/// </summary>
internal sealed class EventQueue(IEventStore store, DeliverySignal signal, TimeProvider time, ILogger<EventQueue> logger)
    : BatchWriter<(RegistryEvent Event, string[] WebhookIds)>(time, logger)
{
    protected override string What => "events";

    public void Enqueue(RegistryEvent @event, string[] webhookIds) => Enqueue((@event, webhookIds));

    protected override async ValueTask WriteAsync(IReadOnlyList<(RegistryEvent Event, string[] WebhookIds)> batch, CancellationToken ct)
    {
        // Serialized here, in the writer, so the request that published the event does not pay for it.
        var events = new List<QueuedEvent>(batch.Count);
        foreach ((RegistryEvent e, string[] webhookIds) in batch)
        {
            events.Add(new QueuedEvent(e.Id, e.Timestamp, e.Action, e.Target.Repository ?? string.Empty, EventEnvelope.Serialize(e), webhookIds));
        }

        await store.EnqueueAsync(events, ct);
    }

    /// <summary>Wakes the delivery worker: there is something new to send.</summary>
    protected override void OnWritten() => signal.Set();
}
