using Registry.Core.Artifacts;

namespace Registry.Core.Changes;

/// <summary>
/// An artifact repository created, updated (its settings) or deleted with its files, as it is now (or was): its
/// package type and class, for a remote its upstream <see cref="Url"/> (never its credentials), for a virtual its
/// <see cref="Members"/>. For a delete, <see cref="Files"/>, <see cref="BlobsUnreferenced"/> and
/// <see cref="BytesUnreferenced"/> say what went with it (blobs nothing references any more were queued for garbage
/// collection); they are 0 otherwise.
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
    public RepositoryClass Class { get; init; } = RepositoryClass.Local;

    /// <summary>A remote's upstream URL; null for locals and virtuals.</summary>
    public Uri? Url { get; init; }

    /// <summary>A virtual's member keys in order; null for locals and remotes.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    public override string Subject => Repository;
}
