using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>
/// A file recorded in an artifact repository (created, or <see cref="Replaced"/> an existing one) with content
/// <see cref="Digest"/> of <see cref="Size"/> bytes, deployed with its bytes or <see cref="ByChecksum"/> (content the
/// registry had already).
/// </summary>
public sealed record ArtifactDeployed(
    Actor Actor,
    DateTimeOffset At,
    string Repository,
    string Path,
    Digest Digest,
    long Size,
    bool ByChecksum,
    bool Replaced) : ChangeRecord(Actor, At)
{
    public override string Subject => Repository + "/" + Path;
}
