using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>
/// What a transfer (an export, later a replication rule) takes: repositories matching one of
/// <see cref="Repositories"/>; of each, the tags matching one of <see cref="Tags"/> and, when
/// <see cref="Versions"/> is set, inside that range; and, when <see cref="IncludeUntagged"/>, the manifests no tag,
/// index or subject reaches. Whatever is taken brings its children (an index's platform manifests) and its referrers
/// (signatures, SBOMs). Files of generic and Maven repositories go only when <see cref="ArtifactRepositories"/> names
/// some (key globs): those whose path matches one of <see cref="ArtifactPaths"/>.
/// </summary>
public sealed record TransferFilter(
    IReadOnlyList<RepositoryGlob> Repositories,
    IReadOnlyList<TagSelector> Tags,
    SemverRange? Versions,
    bool IncludeUntagged)
{
    /// <summary>Artifact repository keys whose files go too; empty: no files.</summary>
    public IReadOnlyList<RepositoryGlob> ArtifactRepositories { get; init; } = [];

    /// <summary>Which files of those repositories (path globs; <c>**</c> across folders).</summary>
    public IReadOnlyList<RepositoryGlob> ArtifactPaths { get; init; } = [RepositoryGlob.All];

    /// <summary>Builds a filter from its text parts; null patterns lists mean "every". Returns the first problem, or null.</summary>
    public static string? TryCreate(
        IReadOnlyList<string>? repositories, IReadOnlyList<string>? tags, string? versions, bool includeUntagged, out TransferFilter? filter)
        => TryCreate(repositories, tags, versions, includeUntagged, null, null, out filter);

    /// <summary>As above, with the artifact repository keys and file paths whose files go too.</summary>
    public static string? TryCreate(
        IReadOnlyList<string>? repositories, IReadOnlyList<string>? tags, string? versions, bool includeUntagged,
        IReadOnlyList<string>? artifactRepositories, IReadOnlyList<string>? artifactPaths, out TransferFilter? filter)
    {
        filter = null;
        var globs = new List<RepositoryGlob>();
        foreach (string text in repositories ?? [])
        {
            if (!RepositoryGlob.TryParse(text, out RepositoryGlob? glob, out string? error))
            {
                return error;
            }

            globs.Add(glob);
        }

        var selectors = new List<TagSelector>();
        foreach (string text in tags ?? [])
        {
            if (!TagSelector.TryParse(text, out TagSelector? selector, out string? error))
            {
                return error;
            }

            selectors.Add(selector);
        }

        SemverRange? range = null;
        if (versions is not null && !SemverRange.TryParse(versions, out range, out string? rangeError))
        {
            return rangeError;
        }

        var keys = new List<RepositoryGlob>();
        var paths = new List<RepositoryGlob>();
        foreach ((IReadOnlyList<string>? texts, List<RepositoryGlob> into) in new[] { (artifactRepositories, keys), (artifactPaths, paths) })
        {
            foreach (string text in texts ?? [])
            {
                if (!RepositoryGlob.TryParsePath(text, out RepositoryGlob? glob, out string? error))
                {
                    return error;
                }

                into.Add(glob);
            }
        }

        filter = new TransferFilter(
            globs.Count == 0 ? [RepositoryGlob.All] : globs,
            selectors.Count == 0 ? [TagSelector.All] : selectors,
            range,
            includeUntagged)
        {
            ArtifactRepositories = keys,
            ArtifactPaths = paths.Count == 0 ? [RepositoryGlob.All] : paths,
        };
        return null;
    }

    public bool TakesFile(string repository, string path)
        => ArtifactRepositories.Any(k => k.IsMatch(repository)) && ArtifactPaths.Any(p => p.IsMatch(path));

    public bool TakesRepository(string repository) => Repositories.Any(g => g.IsMatch(repository));

    public bool TakesTag(string tag) => Tags.Any(t => t.IsMatch(tag)) && (Versions is null || Versions.Contains(tag));

    /// <summary>The filter as one line, for logs and the audit entry.</summary>
    public string Describe()
        => $"repositories={string.Join(',', Repositories)} tags={string.Join(',', Tags)}"
            + (Versions is null ? string.Empty : $" versions='{Versions}'")
            + (IncludeUntagged ? " untagged" : string.Empty)
            + (ArtifactRepositories.Count == 0 ? string.Empty : $" artifacts={string.Join(',', ArtifactRepositories)} paths={string.Join(',', ArtifactPaths)}");
}
