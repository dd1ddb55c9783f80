namespace Registry.Core.Artifacts;

/// <summary>
/// What a caller asks a repository to be, as parsed at the edge (Artifactory's field names). On create a null field
/// takes its default; on update a null field keeps its current value. For <see cref="Password"/>,
/// <see cref="Username"/> and <see cref="DefaultDeploymentRepo"/> an empty string removes the stored value.
/// </summary>
public sealed record ArtifactRepositoryInput
{
    public string? Key { get; init; }

    /// <summary><c>local</c> (the default), <c>remote</c> or <c>virtual</c>: Artifactory's <c>rclass</c>.</summary>
    public string? Class { get; init; }

    /// <summary><c>generic</c> (the default), <c>maven</c> or <c>docker</c>: Artifactory's <c>packageType</c>.</summary>
    public string? PackageType { get; init; }

    public string? Description { get; init; }

    /// <summary>Locals only: whether release files may be overwritten.</summary>
    public bool? AllowRedeploy { get; init; }

    /// <summary>Remotes: the upstream's absolute http(s) URL, without user info, query or fragment.</summary>
    public string? Url { get; init; }

    public string? Username { get; init; }

    /// <summary>The clear-text upstream password, encrypted before it is stored; never returned.</summary>
    public string? Password { get; init; }

    public int? RetrievalCachePeriodSecs { get; init; }

    public int? MissedRetrievalCachePeriodSecs { get; init; }

    public bool? Offline { get; init; }

    public int? UnusedArtifactsCleanupPeriodHours { get; init; }

    /// <summary>Docker remotes only.</summary>
    public bool? Mirror { get; init; }

    /// <summary>Docker remotes only: host names (optionally <c>host:port</c>).</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Virtuals: the member keys, in resolution order.</summary>
    public IReadOnlyList<string>? Repositories { get; init; }

    /// <summary>Virtuals: the local member deploys go to.</summary>
    public string? DefaultDeploymentRepo { get; init; }

    /// <summary>The remote-only fields given, for the refusal when the repository is not a remote.</summary>
    internal string? RemoteField()
        => Url is not null ? "url"
        : Username is not null ? "username"
        : Password is not null ? "password"
        : RetrievalCachePeriodSecs is not null ? "retrievalCachePeriodSecs"
        : MissedRetrievalCachePeriodSecs is not null ? "missedRetrievalCachePeriodSecs"
        : Offline is not null ? "offline"
        : UnusedArtifactsCleanupPeriodHours is not null ? "unusedArtifactsCleanupPeriodHours"
        : Mirror is not null ? "mirror"
        : Aliases is not null ? "aliases"
        : null;

    internal string? VirtualField() => Repositories is not null ? "repositories" : DefaultDeploymentRepo is not null ? "defaultDeploymentRepo" : null;
}
