using Registry.Core.Changes;
using Registry.Core.Events;
using Registry.Core.Primitives;

namespace Registry.Api.Events;

/// <summary>
/// The <c>artifact.deploy</c> and <c>artifact.delete</c> events of artifact files (generic, Maven, npm, PyPI, NuGet),
/// matched on the repository's key as a repository name: whoever made the change (a client's deploy or publish, a
/// remote's fetch as <c>remote:&lt;key&gt;</c>, retention, an admin).
/// </summary>
internal sealed partial class WebhookChangeRecorder
{
    /// <summary>Adds to <paramref name="queued"/> an event per artifact change that a webhook wants; returns the list (null when still empty).</summary>
    private List<QueuedEvent>? ArtifactEvents(IReadOnlyList<ChangeRecord> changes, List<QueuedEvent>? queued)
    {
        foreach (ChangeRecord change in changes)
        {
            if (ArtifactEvent(change) is not { } e || publisher.Match(e.Repository, e.Action) is not { } ids)
            {
                continue;
            }

            (queued ??= []).Add(publisher.Queued(change.Actor, e.Action, e.Target, ids));
        }

        return queued;
    }

    private bool WantsArtifactEvent(IReadOnlyList<ChangeRecord> changes)
        => changes.Any(c => ArtifactEvent(c) is { } e && publisher.Match(e.Repository, e.Action) is not null);

    private static (RepositoryName Repository, string Action, EventTarget Target)? ArtifactEvent(ChangeRecord change)
    {
        switch (change)
        {
            case ArtifactDeployed deployed when RepositoryName.TryParse(deployed.Repository, out RepositoryName? key):
                string? url = deployed.Actor.Request?.BaseUrl is { } baseUrl
                    ? $"{baseUrl}/artifactory/{deployed.Repository}/{string.Join('/', deployed.Path.Split('/').Select(Uri.EscapeDataString))}"
                    : null;
                return (key, EventActions.ArtifactDeploy,
                    new EventTarget(null, deployed.Digest.Value, deployed.Size, deployed.Size, deployed.Repository, Url: url) { Path = deployed.Path });
            case ArtifactDeleted deleted when RepositoryName.TryParse(deleted.Repository, out RepositoryName? key):
                return (key, EventActions.ArtifactDelete, new EventTarget(null, null, null, null, deleted.Repository) { Path = deleted.Path });
            default:
                return null;
        }
    }
}
