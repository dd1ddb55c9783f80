namespace Registry.Core.Transfer;

/// <summary>
/// What a transfer (an export, later a replication rule) takes: repositories matching one of
/// <see cref="Repositories"/>; of each, the tags matching one of <see cref="Tags"/> and, when
/// <see cref="Versions"/> is set, inside that range; and, when <see cref="IncludeUntagged"/>, the manifests no tag,
/// index or subject reaches. Whatever is taken brings its children (an index's platform manifests) and its referrers
/// (signatures, SBOMs).
/// </summary>
public sealed record TransferFilter(
    IReadOnlyList<RepositoryGlob> Repositories,
    IReadOnlyList<TagSelector> Tags,
    SemverRange? Versions,
    bool IncludeUntagged)
{
    /// <summary>Builds a filter from its text parts; null patterns lists mean "every". Returns the first problem, or null.</summary>
    public static string? TryCreate(
        IReadOnlyList<string>? repositories, IReadOnlyList<string>? tags, string? versions, bool includeUntagged, out TransferFilter? filter)
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

        filter = new TransferFilter(
            globs.Count == 0 ? [RepositoryGlob.All] : globs,
            selectors.Count == 0 ? [TagSelector.All] : selectors,
            range,
            includeUntagged);
        return null;
    }

    public bool TakesRepository(string repository) => Repositories.Any(g => g.IsMatch(repository));

    public bool TakesTag(string tag) => Tags.Any(t => t.IsMatch(tag)) && (Versions is null || Versions.Contains(tag));

    /// <summary>The filter as one line, for logs and the audit entry.</summary>
    public string Describe()
        => $"repositories={string.Join(',', Repositories)} tags={string.Join(',', Tags)}"
            + (Versions is null ? string.Empty : $" versions='{Versions}'")
            + (IncludeUntagged ? " untagged" : string.Empty);
}
