namespace Registry.Core.Changes;

public enum ArtifactRepositoryChange
{
    Created,
    Updated,
    Deleted,
}
