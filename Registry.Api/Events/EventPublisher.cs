using System.Net;
using Registry.Api.Jobs;
using Registry.Api.Auth;
using Registry.Api.Hosting;
using Registry.Core.Events;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Events;

/// <summary>
/// What handlers call after an operation succeeded. An event is made only when an enabled webhook wants it (so a
/// pull costs nothing more when nobody listens), then queued for the store (<see cref="EventQueue"/>). The actor is
/// the request's caller, the request id the one logs and error bodies carry, the source this node.
/// </summary>
internal sealed class EventPublisher(WebhookDirectory webhooks, EventQueue queue, IMetadataStore metadata, NodeIdentity node, TimeProvider time)
{
    /// <summary>A manifest PUT: <c>push</c>, with the tag when pushed by tag and the descriptors the manifest references.</summary>
    public void ManifestPushed(HttpContext context, RepositoryName repository, ManifestWrite manifest, TagName? tag, ParsedManifest parsed)
    {
        if (webhooks.Match(repository.Value, EventActions.Push) is not { } ids)
        {
            return;
        }

        List<EventDescriptor> references = [];
        if (parsed.Config is { } config)
        {
            references.Add(Describe(config));
        }

        references.AddRange(parsed.Layers.Select(Describe));
        references.AddRange(parsed.Manifests.Select(Describe));
        EventTarget target = ManifestTarget(context, repository, manifest.Digest, manifest.MediaType, manifest.Size, tag) with
        {
            References = references.Count > 0 ? references : null,
        };
        Publish(context, EventActions.Push, target, ids);
    }

    /// <summary>A manifest GET that sent the manifest (not HEAD, not 304): <c>pull</c>, with the tag when pulled by tag.</summary>
    public void ManifestPulled(HttpContext context, RepositoryName repository, ManifestRecord manifest, TagName? tag)
    {
        if (webhooks.Match(repository.Value, EventActions.Pull) is { } ids)
        {
            Publish(context, EventActions.Pull, ManifestTarget(context, repository, manifest.Digest, manifest.MediaType, manifest.Size, tag), ids);
        }
    }

    /// <summary>A manifest deleted by digest (target: repository and digest) or a tag deleted (target: repository and tag), as Distribution reports them.</summary>
    public void ManifestDeleted(HttpContext context, RepositoryName repository, Reference reference)
    {
        if (webhooks.Match(repository.Value, EventActions.Delete) is { } ids)
        {
            Publish(context, EventActions.Delete, reference.IsDigest
                ? new EventTarget(null, reference.Digest.Value, null, null, repository.Value)
                : new EventTarget(null, null, null, null, repository.Value, Tag: reference.Tag!.Value), ids);
        }
    }

    public void TagDeleted(HttpContext context, RepositoryName repository, TagName tag) => ManifestDeleted(context, repository, Reference.ForTag(tag));

    public void BlobDeleted(HttpContext context, RepositoryName repository, Digest digest)
    {
        if (webhooks.Match(repository.Value, EventActions.Delete) is { } ids)
        {
            Publish(context, EventActions.Delete, new EventTarget(null, digest.Value, null, null, repository.Value), ids);
        }
    }

    /// <summary>A blob mounted into <paramref name="repository"/> from another repository (<c>mount</c>, with <c>fromRepository</c>).</summary>
    public void BlobMounted(HttpContext context, RepositoryName repository, RepositoryName from, BlobInfo blob)
    {
        if (!from.Equals(repository) && webhooks.Match(repository.Value, EventActions.Mount) is { } ids)
        {
            Publish(context, EventActions.Mount, new EventTarget(MediaTypes.OctetStream, blob.Digest.Value, blob.Size, blob.Size, repository.Value,
                FromRepository: from.Value, Url: ContentUrl(context, repository, "blobs", blob.Digest)), ids);
        }
    }

    /// <summary>
    /// A tag pointed at a manifest without a push of that tag (a restore from tag history, a floating tag moved by a
    /// version push): <c>tag</c>, with the manifest the tag points at now.
    /// </summary>
    public void TagMoved(HttpContext context, RepositoryName repository, TagName tag, Digest digest, string mediaType, long size)
    {
        if (webhooks.Match(repository.Value, EventActions.Tag) is { } ids)
        {
            Publish(context, EventActions.Tag, ManifestTarget(context, repository, digest, mediaType, size, tag), ids);
        }
    }

    /// <summary>The floating tags a push moved (<see cref="PutManifestResult.Floated"/>): a <c>tag</c> event each, to the pushed manifest.</summary>
    public void TagsFloated(HttpContext context, RepositoryName repository, ManifestWrite manifest, PutManifestResult stored)
    {
        foreach (Core.Tags.TagMove move in stored.Floated)
        {
            if (move.NewDigest == manifest.Digest.Value && TagName.TryParse(move.Tag, out TagName? tag))
            {
                TagMoved(context, repository, tag, manifest.Digest, manifest.MediaType, manifest.Size);
            }
        }
    }

    /// <summary>A tag restored from its history to <paramref name="digest"/>; reads the manifest's type and size only when a webhook listens.</summary>
    public async Task TagRestoredAsync(HttpContext context, RepositoryName repository, TagName tag, Digest digest, CancellationToken ct)
    {
        if (webhooks.Match(repository.Value, EventActions.Tag) is not null
            && await metadata.GetManifestAsync(repository, digest, ct) is { } manifest)
        {
            TagMoved(context, repository, tag, digest, manifest.MediaType, manifest.Size);
        }
    }

    /// <summary>The event a webhook test sends: <c>ping</c>, about no repository; never queued.</summary>
    public RegistryEvent Ping(HttpContext context) => Create(context, EventActions.Ping, new EventTarget(null, null, null, null, null));

    private void Publish(HttpContext context, string action, EventTarget target, string[] webhookIds)
        => queue.Enqueue(Create(context, action, target), webhookIds);

    private RegistryEvent Create(HttpContext context, string action, EventTarget target)
    {
        HttpRequest request = context.Request;
        ConnectionInfo connection = context.Connection;
        Caller caller = context.GetCaller();
        return new RegistryEvent(
            Guid.CreateVersion7().ToString(),
            time.GetUtcNow(),
            action,
            target,
            new EventRequest(
                context.TraceIdentifier,
                connection.RemoteIpAddress is { } address ? new IPEndPoint(address, connection.RemotePort).ToString() : null,
                request.Host.HasValue ? request.Host.Value : null,
                request.Method,
                request.Headers.UserAgent.ToString()),
            new EventActor(caller.IsAnonymous ? null : caller.Subject),
            new EventSource($"{Environment.MachineName}:{connection.LocalPort}", node.Id));
    }

    private static EventTarget ManifestTarget(HttpContext context, RepositoryName repository, Digest digest, string mediaType, long size, TagName? tag)
        => new(mediaType, digest.Value, size, size, repository.Value, Url: ContentUrl(context, repository, "manifests", digest), Tag: tag?.Value);

    private static string ContentUrl(HttpContext context, RepositoryName repository, string kind, Digest digest)
        => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/v2/{repository.Value}/{kind}/{digest.Value}";

    private static EventDescriptor Describe(Descriptor descriptor) => new(descriptor.MediaType, descriptor.Digest.Value, descriptor.Size);
}
