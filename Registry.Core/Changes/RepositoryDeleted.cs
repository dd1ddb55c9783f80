using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>
/// A repository emptied by a repository delete (<see cref="Content.RepositoryDeletion"/>): announced after each of
/// its manifests (<see cref="ManifestDeleted"/>, with their tags) and blob links (<see cref="BlobDeleted"/>) went,
/// with how many there were.
/// </summary>
public sealed record RepositoryDeleted(Actor Actor, DateTimeOffset At, RepositoryName Repository, int Tags, int Manifests, int Blobs)
    : RepositoryChange(Actor, At, Repository);
