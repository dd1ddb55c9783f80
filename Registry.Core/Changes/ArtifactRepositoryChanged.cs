using Registry.Core.Artifacts;

namespace Registry.Core.Changes;

/// <summary>
/// An artifact repository created, updated (its redeploy flag or description) or deleted with its files, as it is now
/// (or was). For a delete, <see cref="Files"/>, <see cref="BlobsUnreferenced"/> and <see cref="BytesUnreferenced"/> say
/// what went with it (blobs nothing references any more were queued for garbage collection); they are 0 otherwise.
/// </summary>
public sealed record ArtifactRepositoryChanged(
    Actor Actor,
    DateTimeOffset At,
    string Repository,
    ArtifactRepositoryChange Change,
    ArtifactRepositoryType Type,
    bool AllowRedeploy,
    string? Description,
    int Files = 0,
    int BlobsUnreferenced = 0,
    long BytesUnreferenced = 0) : ChangeRecord(Actor, At)
{
    public override string Subject => Repository;
}
