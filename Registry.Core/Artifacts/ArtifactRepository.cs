namespace Registry.Core.Artifacts;

/// <summary>
/// A keyed repository, in Artifactory's sense: local, remote or virtual (<see cref="Class"/>), of one package type.
/// Its key doubles as the namespace roles are granted on: reader may download and search, developer may deploy,
/// maintainer may delete. A docker repository's key is the first component of the image names under it.
/// </summary>
public sealed record ArtifactRepository(
    string Key,
    ArtifactRepositoryType Type,
    bool AllowRedeploy,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public RepositoryClass Class { get; init; } = RepositoryClass.Local;

    /// <summary>The upstream, when <see cref="Class"/> is <see cref="RepositoryClass.Remote"/>.</summary>
    public RemoteSource? Remote { get; init; }

    /// <summary>The members, when <see cref="Class"/> is <see cref="RepositoryClass.Virtual"/>.</summary>
    public VirtualMembers? Virtual { get; init; }
}
