namespace Registry.Core.Artifacts;

public enum ArtifactChangeStatus
{
    Done,
    Denied,
    Invalid,
    NotFound,
    Conflict,
}
