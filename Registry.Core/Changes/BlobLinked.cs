using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A blob uploaded (or provided, as the empty descriptor is) into a repository; a manifest may reference it now.</summary>
public sealed record BlobLinked(Actor Actor, DateTimeOffset At, RepositoryName Repository, Digest Digest, long Size)
    : RepositoryChange(Actor, At, Repository);
