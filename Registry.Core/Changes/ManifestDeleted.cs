using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A manifest removed from a repository by digest, with the tags that pointed at it.</summary>
public sealed record ManifestDeleted(Actor Actor, DateTimeOffset At, RepositoryName Repository, Digest Digest)
    : RepositoryChange(Actor, At, Repository);
