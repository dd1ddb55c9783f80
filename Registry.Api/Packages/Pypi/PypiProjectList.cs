using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages;
using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// The projects of a PyPI repository (normalized name to the name as published): a local one's project folders, a
/// remote's upstream project list (cached like a project page), a virtual one's members' together.
/// </summary>
internal static class PypiProjectList
{
    public sealed record Result(SortedDictionary<string, string> Projects, string? Warning, RemoteFetch? Failure);

    public static async ValueTask<Result> FindAsync(ArtifactServices services, ArtifactRepository repository, CancellationToken ct)
    {
        var projects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (repository.Class != RepositoryClass.Virtual)
        {
            (string? warning, RemoteFetch? failure) = await AddAsync(services, repository, projects, ct);
            return new Result(projects, warning, failure);
        }

        string? staleWarning = null;
        RemoteFetch? firstFailure = null;
        foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
        {
            (string? warning, RemoteFetch? failure) = await AddAsync(services, member, projects, ct);
            staleWarning ??= warning;
            firstFailure ??= failure;
        }

        return new Result(projects, staleWarning, projects.Count == 0 ? firstFailure : null);
    }

    private static async ValueTask<(string? Warning, RemoteFetch? Failure)> AddAsync(
        ArtifactServices services, ArtifactRepository repository, SortedDictionary<string, string> projects, CancellationToken ct)
    {
        if (repository.Class != RepositoryClass.Remote)
        {
            foreach (ArtifactFile file in await services.Store.ListFilesAsync(repository.Key, string.Empty, ct))
            {
                string folder = file.Path.Split('/')[0];
                if (folder != PackageLayout.MetadataFolder && !projects.ContainsKey(folder))
                {
                    projects[folder] = file.Properties.FirstOrDefault(p => p.Name == PypiProperties.Name).Value ?? folder;
                }
            }

            return (null, null);
        }

        MemberFile page = await PypiRemotePages.FindAsync(services, repository, PypiIndexUrls.CachedProjectList, PypiIndexUrls.SimpleRoot(repository.Remote!.Url), ct);
        if (page.File is null)
        {
            return (null, page.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused ? page.Failure : null);
        }

        foreach (string name in PypiSimpleHtml.ProjectNames(await PypiRemotePages.ReadAsync(services, page.File, ct) ?? string.Empty))
        {
            projects.TryAdd(PypiProjectName.Normalize(name), name);
        }

        return (page.Warning, null);
    }
}
