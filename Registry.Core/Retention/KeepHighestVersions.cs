using Registry.Core.Tags;

namespace Registry.Core.Retention;

/// <summary>
/// Keeps the <see cref="Count"/> highest semantic versions by SemVer precedence (<see cref="SemanticVersion"/>),
/// or that many in each major version when <see cref="PerMajor"/>. Only full versions count (<c>1.2.3</c>,
/// <c>v1.2.3</c>); version lines such as <c>1</c> or <c>1.2</c> (floating tags) and names that are not versions are
/// left to other rules. Pre-releases count only when <see cref="IncludePreReleases"/>. Equal versions (<c>1.0.0</c>
/// and <c>v1.0.0</c>) are ordered by name.
/// </summary>
public sealed class KeepHighestVersions(int count, bool perMajor, bool includePreReleases) : IKeepRule
{
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count));

    public bool PerMajor { get; } = perMajor;

    public bool IncludePreReleases { get; } = includePreReleases;

    public IEnumerable<RetentionCandidate> Keep(IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now)
    {
        var versions = new List<(SemanticVersion Version, RetentionCandidate Candidate)>();
        foreach (RetentionCandidate candidate in candidates)
        {
            if (SemanticVersion.TryParse(candidate.Name, out SemanticVersion? version)
                && version.IsFull
                && (IncludePreReleases || !version.IsPreRelease))
            {
                versions.Add((version, candidate));
            }
        }

        return versions
            .GroupBy(v => PerMajor ? v.Version.Major : 0)
            .SelectMany(group => group
                .OrderByDescending(v => v.Version)
                .ThenBy(v => v.Candidate.Name, StringComparer.Ordinal)
                .Take(Count)
                .Select(v => v.Candidate));
    }

    public string Describe()
        => $"keep the {Count} highest versions{(PerMajor ? " of each major version" : "")}{(IncludePreReleases ? " (pre-releases included)" : "")}";
}
