using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// The files of a project in a repository (<see cref="PypiProjectFiles"/>), with the project's name as published
/// (null when unknown), the <c>Warning</c> of a stale page served because the upstream failed, and the upstream's
/// failure when there are no files because of it.
/// </summary>
internal sealed record PypiProjectLookup(IReadOnlyList<PypiIndexFile> Files, string? Name, string? Warning, RemoteFetch? Failure)
{
    public static PypiProjectLookup Failed(RemoteFetch failure) => new([], null, null, failure);
}
