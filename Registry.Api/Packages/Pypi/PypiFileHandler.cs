using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// <c>GET .../packages/{project}/{version}/{file}</c>, the URL project pages link: the file of a local repository; of a
/// remote, from its cache or else fetched from the upstream URL its cached project page gives (the <c>#sha256=</c>
/// checked) into <c>{project}/{version}/{file}</c>; of a virtual, from the first member that has it. The three
/// segments must be a distribution's own (normalized project and version, the file's name), so nothing else is reached.
/// </summary>
internal static class PypiFileHandler
{
    public static async Task<IResult> GetAsync(HttpContext context, string key, string project, string version, string fileName, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, key, ArtifactRepositoryType.Pypi, AccessAction.Pull, services);
        if (repository is null)
        {
            return failure!;
        }

        if (PypiDistribution.Parse(project, fileName, out string? error) is not { } distribution || distribution.Project != project || distribution.Version != version)
        {
            return ArtifactResults.NotFound($"'{project}/{version}/{fileName}' is not a file of repository '{key}'{(error is null ? string.Empty : ": " + error)}");
        }

        MemberFile found = repository.Class switch
        {
            RepositoryClass.Remote => await RemoteAsync(services, repository, distribution, ct),
            RepositoryClass.Virtual => await VirtualAsync(services, repository, distribution, ct),
            _ => await LocalAsync(services, repository, distribution, ct),
        };
        if (found.File is null)
        {
            return found.Error($"'{distribution.Path}' does not exist in repository '{key}'");
        }

        RemoteDownload.AddWarning(context, found);
        return await DownloadHandler.ServeAsync(context, found.File, services);
    }

    private static async ValueTask<MemberFile> LocalAsync(ArtifactServices services, ArtifactRepository local, PypiDistribution distribution, CancellationToken ct)
        => await services.Store.GetFileAsync(local.Key, distribution.Path, ct) is { } file
            ? MemberFile.Found(file)
            : MemberFile.Missing(RemoteFetch.Missing($"'{distribution.Path}' does not exist in repository '{local.Key}'"));

    private static async ValueTask<MemberFile> RemoteAsync(ArtifactServices services, ArtifactRepository remote, PypiDistribution distribution, CancellationToken ct)
    {
        if (await services.Store.GetFileAsync(remote.Key, distribution.Path, ct) is { } cached)
        {
            return MemberFile.Found(cached);
        }

        if (remote.Remote!.Offline)
        {
            return MemberFile.Missing(RemoteFetch.Missing($"'{distribution.Path}' is not cached and remote repository '{remote.Key}' is offline"));
        }

        PypiProjectLookup page = await PypiProjectFiles.FindAsync(services, remote, distribution.Project, ct);
        PypiIndexFile? listed = page.Files.FirstOrDefault(f => f.Link.FileName == distribution.FileName);
        if (listed?.Upstream is not { } source)
        {
            return MemberFile.Missing(page.Failure ?? RemoteFetch.Missing($"the upstream of remote repository '{remote.Key}' lists no file '{distribution.FileName}' for project '{distribution.Project}'"));
        }

        RemoteFetch fetched = await services.Remotes.FetchAsync(remote, distribution.Path, source, listed.Link.Sha256 is { } sha256 ? (ChecksumKind.Sha256, sha256) : null, ct);
        return fetched.File is { } file ? MemberFile.Found(file) : MemberFile.Missing(fetched);
    }

    private static async ValueTask<MemberFile> VirtualAsync(ArtifactServices services, ArtifactRepository repository, PypiDistribution distribution, CancellationToken ct)
    {
        RemoteFetch? failure = null;
        foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
        {
            MemberFile found = member.Class == RepositoryClass.Remote
                ? await RemoteAsync(services, member, distribution, ct)
                : await LocalAsync(services, member, distribution, ct);
            if (found.File is not null)
            {
                return found;
            }

            failure ??= found.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused ? found.Failure : null;
        }

        return MemberFile.Missing(failure ?? RemoteFetch.Missing($"'{distribution.Path}' does not exist in any member of virtual repository '{repository.Key}'"));
    }
}
