using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Events;
using Registry.Core.Storage;

namespace Registry.Api.Events;

/// <summary>
/// Turns changes into webhook events in Distribution's format, whoever made them: a push is <c>push</c> (with the
/// tag and the descriptors the manifest references), a tag that a floating-tag rule or a restore moved is
/// <c>tag</c>, a deleted tag or manifest (or blob) is <c>delete</c>, a cross-repository mount is <c>mount</c>. A
/// tag created or moved by its own push is announced by that push's event alone; a finished replication run is
/// <c>replication.run</c> (<see cref="ReplicationEventsAsync"/>); a file deployed to or deleted from an artifact
/// repository is <c>artifact.deploy</c> or <c>artifact.delete</c> (<see cref="ArtifactEvents"/>). The events and their deliveries
/// are written in the change's own transaction (the store's delivery queue is the outbox the
/// <see cref="WebhookDeliveryWorker"/> drains), so a node killed right after a change still sends its webhooks.
/// </summary>
internal sealed partial class WebhookChangeRecorder(
    EventPublisher publisher, IMetadataStore metadata, IEventStore events, DeliverySignal signal, Core.Replication.IReplicationStore replication)
    : IChangeRecorder, IChangeListener
{
    /// <summary>Queues the events, with a delivery per matching webhook, in the change's transaction.</summary>
    public async ValueTask RecordAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        List<QueuedEvent>? queued = null;
        foreach (RepositoryChange change in changes.OfType<RepositoryChange>())
        {
            string action = ActionOf(change);
            if (action.Length == 0 || publisher.Match(change.Repository, action) is not { } ids)
            {
                continue;
            }

            if (await TargetAsync(change, ct) is { } target)
            {
                (queued ??= []).Add(publisher.Queued(change.Actor, action, target, ids));
            }
        }

        queued = ArtifactEvents(changes, queued);
        queued = await ReplicationEventsAsync(changes, queued, ct);
        if (queued is not null)
        {
            await events.EnqueueAsync(queued, ct);
        }
    }

    /// <summary>Committed: wakes the delivery worker when a webhook wants any of these.</summary>
    public ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        if (changes.Any(c => c is WebhookRedelivered) || WantsReplicationEvent(changes) || WantsArtifactEvent(changes))
        {
            signal.Set();
            return ValueTask.CompletedTask;
        }

        foreach (RepositoryChange change in changes.OfType<RepositoryChange>())
        {
            if (ActionOf(change) is { Length: > 0 } action && publisher.Match(change.Repository, action) is not null)
            {
                signal.Set();
                break;
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string ActionOf(RepositoryChange change) => change switch
    {
        ManifestPushed => EventActions.Push,
        TagFloated or TagRestored => EventActions.Tag,
        TagDeleted or ManifestDeleted or BlobDeleted => EventActions.Delete,
        BlobMounted => EventActions.Mount,
        RepositoryDeleted => EventActions.RepositoryDelete,
        _ => string.Empty,
    };

    private async ValueTask<EventTarget?> TargetAsync(RepositoryChange change, CancellationToken ct)
    {
        Actor actor = change.Actor;
        string repository = change.Repository.Value;
        switch (change)
        {
            case ManifestPushed pushed:
                List<EventDescriptor> references = [];
                if (pushed.Manifest.Config is { } config)
                {
                    references.Add(EventPublisher.Describe(config));
                }

                references.AddRange(pushed.Manifest.Layers.Select(EventPublisher.Describe));
                references.AddRange(pushed.Manifest.Manifests.Select(EventPublisher.Describe));
                return EventPublisher.ManifestTarget(actor, pushed.Repository, pushed.Digest, pushed.MediaType, pushed.Size, pushed.Tag?.Value) with
                {
                    References = references.Count > 0 ? references : null,
                };
            case TagFloated floated:
                return EventPublisher.ManifestTarget(actor, floated.Repository, floated.NewDigest, floated.MediaType, floated.Size, floated.Tag);
            case TagRestored restored:
                // The restore names a digest only; the target carries the manifest's type and size, read when a webhook listens.
                return await metadata.GetManifestAsync(restored.Repository, restored.NewDigest, ct) is { } manifest
                    ? EventPublisher.ManifestTarget(actor, restored.Repository, restored.NewDigest, manifest.MediaType, manifest.Size, restored.Tag.Value)
                    : null;
            case TagDeleted deleted:
                return new EventTarget(null, null, null, null, repository, Tag: deleted.Tag.Value);
            case ManifestDeleted deleted:
                return new EventTarget(null, deleted.Digest.Value, null, null, repository);
            case BlobDeleted deleted:
                return new EventTarget(null, deleted.Digest.Value, null, null, repository);
            case RepositoryDeleted:
                return new EventTarget(null, null, null, null, repository);
            case BlobMounted mounted:
                return new EventTarget(MediaTypes.OctetStream, mounted.Digest.Value, mounted.Size, mounted.Size, repository,
                    FromRepository: mounted.From.Value, Url: EventPublisher.ContentUrl(actor, mounted.Repository, "blobs", mounted.Digest));
            default:
                return null;
        }
    }
}
