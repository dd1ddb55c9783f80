namespace Registry.Core.Changes;

/// <summary>
/// A file, or a folder with every file under it, removed from an artifact repository: <see cref="Files"/> files went,
/// and <see cref="BlobsUnreferenced"/> blobs (<see cref="BytesUnreferenced"/> bytes) nothing references any more were
/// queued for garbage collection.
/// </summary>
public sealed record ArtifactDeleted(
    Actor Actor,
    DateTimeOffset At,
    string Repository,
    string Path,
    int Files,
    int BlobsUnreferenced,
    long BytesUnreferenced) : ChangeRecord(Actor, At)
{
    public override string Subject => Repository + "/" + Path;
}
