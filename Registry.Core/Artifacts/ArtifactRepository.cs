namespace Registry.Core.Artifacts;

/// <summary>
/// An artifact repository. Its key doubles as the namespace roles are granted on: reader may download and search,
/// developer may deploy, maintainer may delete.
/// </summary>
public sealed record ArtifactRepository(
    string Key,
    ArtifactRepositoryType Type,
    bool AllowRedeploy,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy);
