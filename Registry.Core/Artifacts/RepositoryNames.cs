namespace Registry.Core.Artifacts;

/// <summary>The names of package types and repository classes as Artifactory writes them (<c>packageType</c>, <c>rclass</c>).</summary>
public static class RepositoryNames
{
    /// <summary><c>generic</c>, <c>maven</c>, <c>docker</c>, <c>npm</c>, <c>pypi</c> or <c>nuget</c>.</summary>
    public static string Of(ArtifactRepositoryType type) => type switch
    {
        ArtifactRepositoryType.Maven => "maven",
        ArtifactRepositoryType.Docker => "docker",
        ArtifactRepositoryType.Npm => "npm",
        ArtifactRepositoryType.Pypi => "pypi",
        ArtifactRepositoryType.Nuget => "nuget",
        _ => "generic",
    };

    /// <summary><c>local</c>, <c>remote</c> or <c>virtual</c>.</summary>
    public static string Of(RepositoryClass repositoryClass) => repositoryClass switch
    {
        RepositoryClass.Remote => "remote",
        RepositoryClass.Virtual => "virtual",
        _ => "local",
    };

    /// <summary>The type named (null is <c>generic</c>), or null when the name is unknown.</summary>
    public static ArtifactRepositoryType? ParseType(string? name) => name switch
    {
        null or "generic" => ArtifactRepositoryType.Generic,
        "maven" => ArtifactRepositoryType.Maven,
        "docker" => ArtifactRepositoryType.Docker,
        "npm" => ArtifactRepositoryType.Npm,
        "pypi" => ArtifactRepositoryType.Pypi,
        "nuget" => ArtifactRepositoryType.Nuget,
        _ => null,
    };

    /// <summary>The class named (null is <c>local</c>), or null when the name is unknown.</summary>
    public static RepositoryClass? ParseClass(string? name) => name switch
    {
        null or "local" => RepositoryClass.Local,
        "remote" => RepositoryClass.Remote,
        "virtual" => RepositoryClass.Virtual,
        _ => null,
    };
}
