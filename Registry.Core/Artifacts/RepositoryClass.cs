namespace Registry.Core.Artifacts;

/// <summary>Artifactory's <c>rclass</c>: where a repository's content comes from.</summary>
public enum RepositoryClass
{
    /// <summary>Content deployed or pushed to this registry.</summary>
    Local = 0,

    /// <summary>A cache of one upstream: content is fetched on first request and then served from here.</summary>
    Remote = 1,

    /// <summary>One URL over an ordered list of local and remote repositories of the same package type.</summary>
    Virtual = 2,
}
