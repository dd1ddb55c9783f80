using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// The files of one project (by its normalized name) in a PyPI repository: a local one's version folders; a remote's
/// upstream project page (<see cref="PypiRemotePages"/>), each link resolved against the page's URL and kept only when
/// it is a distribution of the project; a virtual one's members in order, a file name taken from the first member
/// that lists it.
/// </summary>
internal static class PypiProjectFiles
{
    public static async ValueTask<PypiProjectLookup> FindAsync(ArtifactServices services, ArtifactRepository repository, string project, CancellationToken ct)
        => repository.Class switch
        {
            RepositoryClass.Remote => await RemoteAsync(services, repository, project, ct),
            RepositoryClass.Virtual => await VirtualAsync(services, repository, project, ct),
            _ => await LocalAsync(services, repository, project, ct),
        };

    private static async ValueTask<PypiProjectLookup> LocalAsync(ArtifactServices services, ArtifactRepository local, string project, CancellationToken ct)
    {
        var files = new List<PypiIndexFile>();
        string? name = null;
        foreach (ArtifactFile file in await services.Store.ListFilesAsync(local.Key, project, ct))
        {
            string[] parts = file.Path.Split('/');
            if (parts.Length != 3 || parts[0] != project)
            {
                continue;
            }

            name ??= Property(file, PypiProperties.Name);
            files.Add(new PypiIndexFile(new PypiLink(file.Name, file.Path, file.Content.Sha256, Property(file, PypiProperties.RequiresPython), null), file.Path, null));
        }

        return new PypiProjectLookup(files, name, null, null);
    }

    private static async ValueTask<PypiProjectLookup> RemoteAsync(ArtifactServices services, ArtifactRepository remote, string project, CancellationToken ct)
    {
        Uri pageUri = PypiIndexUrls.ProjectPage(remote.Remote!.Url, project);
        MemberFile page = await PypiRemotePages.FindAsync(services, remote, PypiIndexUrls.CachedProjectPage(project), pageUri, ct);
        if (page.File is null)
        {
            return PypiProjectLookup.Failed(page.Failure!);
        }

        if (await PypiRemotePages.ReadAsync(services, page.File, ct) is not { } html)
        {
            return PypiProjectLookup.Failed(RemoteFetch.Refused($"the cached page of '{project}' in remote repository '{remote.Key}' cannot be read (larger than {PypiRemotePages.MaxPageBytes} bytes or its bytes are gone)"));
        }

        var files = new List<PypiIndexFile>();
        foreach (PypiLink link in PypiSimpleHtml.ProjectFiles(html))
        {
            if (PypiDistribution.Parse(project, link.FileName, out _) is not { } distribution
                || !Uri.TryCreate(pageUri, link.Url, out Uri? upstream) || upstream.Scheme is not ("http" or "https"))
            {
                continue;
            }

            files.Add(new PypiIndexFile(link, distribution.Path, upstream));
        }

        return new PypiProjectLookup(files, null, page.Warning, null);
    }

    private static async ValueTask<PypiProjectLookup> VirtualAsync(ArtifactServices services, ArtifactRepository repository, string project, CancellationToken ct)
    {
        var files = new List<PypiIndexFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? name = null, warning = null;
        RemoteFetch? failure = null;
        foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
        {
            PypiProjectLookup found = member.Class == RepositoryClass.Remote
                ? await RemoteAsync(services, member, project, ct)
                : await LocalAsync(services, member, project, ct);
            if (found.Failure is { Status: RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused } failed)
            {
                failure ??= failed;
            }

            name ??= found.Name;
            warning ??= found.Warning;
            foreach (PypiIndexFile file in found.Files)
            {
                if (seen.Add(file.Link.FileName))
                {
                    files.Add(file);
                }
            }
        }

        return new PypiProjectLookup(files, name, warning, files.Count == 0 ? failure : null);
    }

    private static string? Property(ArtifactFile file, string name)
    {
        foreach (ArtifactProperty property in file.Properties)
        {
            if (property.Name == name)
            {
                return property.Value;
            }
        }

        return null;
    }
}
