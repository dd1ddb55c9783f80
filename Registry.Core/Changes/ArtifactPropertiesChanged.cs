namespace Registry.Core.Changes;

/// <summary>
/// Properties set on (<see cref="Removed"/> false) or removed from a file, or every file under a folder, of an artifact
/// repository. <see cref="Properties"/> is what was asked, in the properties API's syntax: <c>a=1|b=2,3</c> for a set,
/// the names <c>a,b</c> for a removal; <see cref="Files"/> is how many files changed.
/// </summary>
public sealed record ArtifactPropertiesChanged(
    Actor Actor,
    DateTimeOffset At,
    string Repository,
    string Path,
    bool Removed,
    string Properties,
    int Files) : ChangeRecord(Actor, At)
{
    public override string Subject => Repository + "/" + Path;
}
