using Registry.Api.Auth;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// Mirror mode: a docker remote with <c>mirror</c> set also answers pulls of <c>/v2/&lt;name&gt;/...</c> when no local
/// repository has that name and its first component is no repository key, so this registry can be dockerd's
/// <c>registry-mirrors</c> entry or a containerd mirror. containerd's <c>?ns=&lt;host&gt;</c> picks the mirror whose URL
/// host or alias is that host (<see cref="RemoteSource.Answers"/>); without it the first mirror by key answers.
/// The content is cached in <c>&lt;key&gt;/&lt;name&gt;</c> and access is checked there. With no mirror configured this
/// costs nothing; with one, a pull of a name outside every key costs one look-up of whether it is local.
/// </summary>
internal sealed class DockerMirrors(DockerRemotes remotes, IMetadataStore metadata) : IMirrorAccess
{
    public async ValueTask<RemoteTarget?> MapAsync(RepositoryName requested, string? ns, CancellationToken ct)
    {
        IReadOnlyList<ArtifactRepository> mirrors = await remotes.MirrorsAsync(ct);
        if (mirrors.Count == 0 || !await IsMirrorNameAsync(requested, ct))
        {
            return null;
        }

        ArtifactRepository? chosen = string.IsNullOrEmpty(ns) ? mirrors[0] : mirrors.FirstOrDefault(m => m.Remote!.Answers(ns));
        return chosen is null ? null : Target(chosen, requested);
    }

    public async ValueTask<IReadOnlyList<RepositoryName>> MirroredNamesAsync(RepositoryName requested, CancellationToken ct)
    {
        IReadOnlyList<ArtifactRepository> mirrors = await remotes.MirrorsAsync(ct);
        if (mirrors.Count == 0 || !await IsMirrorNameAsync(requested, ct))
        {
            return [];
        }

        return [.. mirrors.Select(m => Target(m, requested)?.Local).OfType<RepositoryName>()];
    }

    public async ValueTask<RepositoryName?> DeploymentOfAsync(RepositoryName requested, CancellationToken ct)
        => (await remotes.ResolveVirtualAsync(requested, ct))?.Deployment;

    private async ValueTask<bool> IsMirrorNameAsync(RepositoryName requested, CancellationToken ct)
    {
        int slash = requested.Value.IndexOf('/', StringComparison.Ordinal);
        string first = slash < 0 ? requested.Value : requested.Value[..slash];
        return !await remotes.IsKeyAsync(first, ct) && await metadata.GetTagsVersionAsync(requested, ct) is null;
    }

    private static RemoteTarget? Target(ArtifactRepository mirror, RepositoryName requested)
        => RepositoryName.TryParse(mirror.Key + "/" + requested.Value, out RepositoryName? local)
            ? new RemoteTarget(mirror, RemoteTarget.UpstreamNameOf(mirror.Remote!, requested.Value), local)
            : null;
}
