using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A blob linked into <see cref="ChangeRecord.Repository"/> from <see cref="From"/> without copying bytes.</summary>
public sealed record BlobMounted(Actor Actor, DateTimeOffset At, RepositoryName Repository, RepositoryName From, Digest Digest, long Size)
    : RepositoryChange(Actor, At, Repository);
