using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// Finds a version's tarball: in a local repository its file; in a remote one the cached file, else fetched from the
/// upstream's <c>dist.tarball</c> with its <c>dist.shasum</c> verified and cached in the version folder; in a virtual
/// one from the first member that has it.
/// </summary>
internal static class NpmTarballs
{
    public static async Task<MemberFile> FindAsync(ArtifactServices services, ArtifactRepository repository, NpmPackageName name, string version, CancellationToken ct)
    {
        string path = NpmPaths.TarballPath(name, version);
        switch (repository.Class)
        {
            case RepositoryClass.Remote:
                return await FetchAsync(services, repository, name, version, path, ct);
            case RepositoryClass.Virtual:
                RemoteFetch? failure = null;
                foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
                {
                    if (member.Type != ArtifactRepositoryType.Npm)
                    {
                        continue;
                    }

                    MemberFile found = await FindAsync(services, member, name, version, ct);
                    if (found.File is not null)
                    {
                        return found;
                    }

                    failure ??= found.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused ? found.Failure : null;
                }

                return MemberFile.Missing(failure ?? RemoteFetch.Missing($"'{name}@{version}' does not exist in any member of virtual repository '{repository.Key}'"));
        }

        return await services.Store.GetFileAsync(repository.Key, path, ct) is { } file
            ? MemberFile.Found(file)
            : MemberFile.Missing(RemoteFetch.Missing($"'{name}@{version}' does not exist in repository '{repository.Key}'"));
    }

    private static async Task<MemberFile> FetchAsync(ArtifactServices services, ArtifactRepository remote, NpmPackageName name, string version, string path, CancellationToken ct)
    {
        if (await services.Store.GetFileAsync(remote.Key, path, ct) is { } cached)
        {
            return MemberFile.Found(cached);
        }

        if (remote.Remote!.Offline)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{name}@{version}' is not cached and remote repository '{remote.Key}' is offline"));
        }

        NpmLoad index = await NpmRemoteIndex.LoadAsync(services, remote, name, ct);
        if (index.Package is null)
        {
            return index.AsMember();
        }

        if (!index.Package.Versions.TryGetValue(version, out NpmVersionEntry? entry) || entry.UpstreamTarball is null)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{name}@{version}' is not in the packument of remote repository '{remote.Key}'"));
        }

        (ChecksumKind, string)? expected = entry.Shasum is { } shasum ? (ChecksumKind.Sha1, shasum) : null;
        RemoteFetch fetched = await services.Remotes.FetchAsync(remote, path, entry.UpstreamTarball, expected, ct);
        return fetched.File is { } file ? MemberFile.Found(file) : MemberFile.Missing(fetched);
    }
}
