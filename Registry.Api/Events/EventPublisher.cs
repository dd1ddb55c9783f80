using Registry.Api.Auth;
using Registry.Api.Jobs;
using Registry.Core.Changes;
using Registry.Core.Events;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Events;

/// <summary>
/// Makes webhook events. An event is made only when an enabled webhook wants it (so a pull costs nothing more when
/// nobody listens). A change's events come through <see cref="WebhookChangeRecorder"/>, which stores them
/// (<see cref="Queued"/>) in the change's transaction; a pull, which changes nothing, is queued for the store in
/// batches (<see cref="EventQueue"/>); a ping is sent at once. The actor
/// is who made the change (a user, a CI token, a job such as <c>retention:nightly</c>), the request the one it came
/// with (none for a job), the source this node.
/// </summary>
internal sealed class EventPublisher(WebhookDirectory webhooks, EventQueue queue, NodeIdentity node, TimeProvider time)
{
    /// <summary>A manifest GET that sent the manifest (not HEAD, not 304): <c>pull</c>, with the tag when pulled by tag.</summary>
    public void ManifestPulled(HttpContext context, RepositoryName repository, ManifestRecord manifest, TagName? tag)
    {
        if (webhooks.Match(repository.Value, EventActions.Pull) is { } ids)
        {
            Actor actor = context.GetActor();
            Publish(actor, EventActions.Pull, ManifestTarget(actor, repository, manifest.Digest, manifest.MediaType, manifest.Size, tag?.Value), ids);
        }
    }

    /// <summary>The event a webhook test sends: <c>ping</c>, about no repository; never queued.</summary>
    public RegistryEvent Ping(HttpContext context) => Create(context.GetActor(), EventActions.Ping, new EventTarget(null, null, null, null, null));

    /// <summary>The webhooks that want <paramref name="action"/> in <paramref name="repository"/>, or null when none does.</summary>
    public string[]? Match(RepositoryName repository, string action) => webhooks.Match(repository.Value, action);

    /// <summary>
    /// The webhooks that want <paramref name="action"/> about no one repository (<c>replication.run</c>), or null: those
    /// without a repository condition (or whose pattern matches the empty name).
    /// </summary>
    public string[]? MatchUnscoped(string action) => webhooks.Match(string.Empty, action);

    private void Publish(Actor actor, string action, EventTarget target, string[] webhookIds)
        => queue.Enqueue(Create(actor, action, target), webhookIds);

    /// <summary>The event as the store keeps it until delivered, for a change's own transaction (<see cref="WebhookChangeRecorder"/>).</summary>
    public QueuedEvent Queued(Actor actor, string action, EventTarget target, string[] webhookIds, ReplicationEventRun? replication = null)
    {
        RegistryEvent e = Create(actor, action, target) with { Replication = replication };
        return new QueuedEvent(e.Id, e.Timestamp, e.Action, e.Target.Repository ?? string.Empty, EventEnvelope.Serialize(e), webhookIds);
    }

    public static EventTarget ManifestTarget(Actor actor, RepositoryName repository, Digest digest, string mediaType, long size, string? tag)
        => new(mediaType, digest.Value, size, size, repository.Value, Url: ContentUrl(actor, repository, "manifests", digest), Tag: tag);

    /// <summary><c>{scheme}://{host}/v2/{repository}/{kind}/{digest}</c> for a change a request made; null for a job's (no host to name).</summary>
    public static string? ContentUrl(Actor actor, RepositoryName repository, string kind, Digest digest)
        => actor.Request?.BaseUrl is { } baseUrl ? $"{baseUrl}/v2/{repository.Value}/{kind}/{digest.Value}" : null;

    public static EventDescriptor Describe(Descriptor descriptor) => new(descriptor.MediaType, descriptor.Digest.Value, descriptor.Size);

    private RegistryEvent Create(Actor actor, string action, EventTarget target)
    {
        RequestOrigin? request = actor.Request;
        return new RegistryEvent(
            Guid.CreateVersion7().ToString(),
            time.GetUtcNow(),
            action,
            target,
            request is null ? null : new EventRequest(request.RequestId, request.ClientEndpoint, request.Host, request.Method, request.UserAgent ?? string.Empty),
            new EventActor(actor.IsAnonymous ? null : actor.Name),
            new EventSource(request is null ? Environment.MachineName : $"{Environment.MachineName}:{request.LocalPort}", node.Id));
    }
}
