using Registry.Core.Changes;

namespace Registry.Core.Artifacts;

/// <summary>
/// How a maven or generic remote repository treats what it fetched: artifacts are cached forever (a release never
/// changes upstream), metadata (a maven remote's <c>maven-metadata.xml</c>, a package remote's index pages under
/// <see cref="Packages.PackageLayout.MetadataFolder"/>) only for the remote's
/// <see cref="RemoteSource.RetrievalCachePeriodSecs"/>, judged by when it was fetched (the cached file's modified time).
/// </summary>
public static class RemoteCaching
{
    /// <summary>The actor a remote's fetches are recorded as: <c>remote:&lt;key&gt;</c>.</summary>
    public static Actor Actor(string key) => Changes.Actor.System("remote:" + key);

    /// <summary>Whether the file at <paramref name="path"/> is metadata that changes upstream and so expires from the cache.</summary>
    public static bool IsMetadata(ArtifactRepositoryType type, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = path[(path.LastIndexOf('/') + 1)..];
        return (type == ArtifactRepositoryType.Maven && MavenLayout.IsMetadata(name))
            || (Packages.PackageLayout.IsPackageType(type) && Packages.PackageLayout.IsMetadata(path));
    }

    /// <summary>Whether a cached file may be served without asking the upstream: an artifact always, metadata until its period ran out.</summary>
    public static bool IsFresh(ArtifactRepository repository, ArtifactFile cached, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(cached);
        return !IsMetadata(repository.Type, cached.Path)
            || repository.Remote is not { } remote
            || now < cached.ModifiedAt.AddSeconds(remote.RetrievalCachePeriodSecs);
    }
}
