using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// A file a project page lists: its link as the page shows it (file name, SHA-256, Requires-Python, yanked), its path
/// in the repository (<c>{project}/{version}/{file}</c>) and, for a remote's file, the upstream URL it is fetched from.
/// </summary>
internal sealed record PypiIndexFile(PypiLink Link, string Path, Uri? Upstream);
