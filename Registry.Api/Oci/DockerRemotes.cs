using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Oci;

/// <summary>
/// This node's map of docker remote and virtual repositories by key, so that resolving a <c>/v2/</c> name to a remote costs no
/// metadata query: loaded once, reloaded when an <see cref="Core.Changes.ArtifactRepositoryChanged"/> passes through
/// the change stream on this node (<see cref="DockerRemotesChangeListener"/>) and periodically for changes made on
/// other nodes (<see cref="DockerRemotesRefresher"/>).
/// </summary>
internal sealed class DockerRemotes(IArtifactStore store)
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile RemoteMap? map;

    /// <summary>The remote whose key is the first component of <paramref name="name"/>, with the rest as the upstream name; null when there is none.</summary>
    public async ValueTask<RemoteTarget?> ResolveAsync(RepositoryName name, CancellationToken ct)
    {
        RemoteMap current = map ?? await LoadOnceAsync(ct);
        int slash = name.Value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || current.ByKey.Count == 0 || !current.ByKey.TryGetValue(name.Value[..slash], out ArtifactRepository? repository))
        {
            return null;
        }

        return new RemoteTarget(repository, RemoteTarget.UpstreamNameOf(repository.Remote!, name.Value[(slash + 1)..]), name);
    }

    /// <summary>
    /// The docker virtual repository whose key is the first component of <paramref name="name"/>: its members' names for
    /// the rest (a local member <c>L</c> gives <c>L/&lt;rest&gt;</c>, a remote member the pull-through target), in order,
    /// and the deployment repository's name; null when there is none.
    /// </summary>
    public async ValueTask<VirtualTarget?> ResolveVirtualAsync(RepositoryName name, CancellationToken ct)
    {
        RemoteMap current = map ?? await LoadOnceAsync(ct);
        int slash = name.Value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || current.Virtuals.Count == 0 || !current.Virtuals.TryGetValue(name.Value[..slash], out ArtifactRepository? repository))
        {
            return null;
        }

        string rest = name.Value[(slash + 1)..];
        var members = new List<VirtualMember>();
        foreach (string key in repository.Virtual!.Repositories)
        {
            if (!RepositoryName.TryParse(key + "/" + rest, out RepositoryName? local))
            {
                continue;
            }

            members.Add(current.ByKey.TryGetValue(key, out ArtifactRepository? remote)
                ? new VirtualMember(local, new RemoteTarget(remote, RemoteTarget.UpstreamNameOf(remote.Remote!, rest), local))
                : new VirtualMember(local, null));
        }

        RepositoryName? deployment = repository.Virtual.DefaultDeploymentRepo is { } target
            && RepositoryName.TryParse(target + "/" + rest, out RepositoryName? deployed) ? deployed : null;
        return new VirtualTarget(repository, name, members, deployment);
    }

    /// <summary>The mirror remotes, ordered by key: the first answers a mirror request that names no upstream host.</summary>
    public async ValueTask<IReadOnlyList<ArtifactRepository>> MirrorsAsync(CancellationToken ct)
        => (map ?? await LoadOnceAsync(ct)).Mirrors;

    /// <summary>Whether <paramref name="key"/> is the key of any repository (of any type and class) known to this node.</summary>
    public async ValueTask<bool> IsKeyAsync(string key, CancellationToken ct)
        => (map ?? await LoadOnceAsync(ct)).AllKeys.Contains(key);

    /// <summary>Reads the repositories again.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        IReadOnlyList<ArtifactRepository> all = await store.ListArtifactRepositoriesAsync(ct);
        var byKey = new Dictionary<string, ArtifactRepository>(StringComparer.OrdinalIgnoreCase);
        var virtuals = new Dictionary<string, ArtifactRepository>(StringComparer.OrdinalIgnoreCase);
        foreach (ArtifactRepository repository in all)
        {
            if (repository.Type == ArtifactRepositoryType.Docker && repository.Class == RepositoryClass.Virtual && repository.Virtual is not null)
            {
                virtuals[repository.Key] = repository;
            }

            if (repository.Type == ArtifactRepositoryType.Docker && repository.Class == RepositoryClass.Remote && repository.Remote is not null)
            {
                byKey[repository.Key] = repository;
            }
        }

        map = new RemoteMap(
            byKey,
            [.. byKey.Values.Where(r => r.Remote!.Mirror).OrderBy(r => r.Key, StringComparer.Ordinal)],
            all.Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase),
            virtuals);
    }

    private async ValueTask<RemoteMap> LoadOnceAsync(CancellationToken ct)
    {
        await loading.WaitAsync(ct);
        try
        {
            if (map is null)
            {
                await RefreshAsync(ct);
            }

            return map!;
        }
        finally
        {
            loading.Release();
        }
    }

    private sealed record RemoteMap(IReadOnlyDictionary<string, ArtifactRepository> ByKey, IReadOnlyList<ArtifactRepository> Mirrors, IReadOnlySet<string> AllKeys,
        IReadOnlyDictionary<string, ArtifactRepository> Virtuals);
}
