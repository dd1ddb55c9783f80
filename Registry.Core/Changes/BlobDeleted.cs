using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A blob unlinked from a repository; its bytes stay until garbage collection finds nothing else uses them.</summary>
public sealed record BlobDeleted(Actor Actor, DateTimeOffset At, RepositoryName Repository, Digest Digest)
    : RepositoryChange(Actor, At, Repository);
