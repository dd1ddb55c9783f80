using Registry.Core.Changes;

namespace Registry.Api.Oci;

/// <summary>Reloads this node's <see cref="DockerRemotes"/> when a repository was created, changed or deleted here.</summary>
internal sealed class DockerRemotesChangeListener(DockerRemotes remotes) : IChangeListener
{
    public async ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        if (changes.Any(c => c is ArtifactRepositoryChanged))
        {
            await remotes.RefreshAsync(ct);
        }
    }
}
