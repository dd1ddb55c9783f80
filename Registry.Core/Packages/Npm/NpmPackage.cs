namespace Registry.Core.Packages.Npm;

/// <summary>What a repository knows of one package: its versions and dist-tags (a packument before it is written out).</summary>
public sealed class NpmPackage(NpmPackageName name)
{
    public NpmPackageName Name { get; } = name;

    public Dictionary<string, NpmVersionEntry> Versions { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> DistTags { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The members' packages merged as a virtual repository shows them: a version from the first member that has it, a
    /// dist-tag from the first member that has the tag.
    /// </summary>
    public static NpmPackage Merge(NpmPackageName name, IEnumerable<NpmPackage> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var merged = new NpmPackage(name);
        foreach (NpmPackage member in members)
        {
            foreach ((string version, NpmVersionEntry entry) in member.Versions)
            {
                merged.Versions.TryAdd(version, entry);
            }

            foreach ((string tag, string version) in member.DistTags)
            {
                merged.DistTags.TryAdd(tag, version);
            }
        }

        return merged;
    }

    /// <summary>The highest version, a release before any prerelease; null without versions.</summary>
    public string? Highest()
    {
        NpmVersion? best = null;
        foreach (string text in Versions.Keys)
        {
            if (NpmVersion.TryParse(text, out _) is not { } version)
            {
                continue;
            }

            if (best is null || (best.IsPrerelease && !version.IsPrerelease) || (best.IsPrerelease == version.IsPrerelease && version.CompareTo(best) > 0))
            {
                best = version;
            }
        }

        return best?.Text;
    }
}
