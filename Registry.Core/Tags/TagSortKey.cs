namespace Registry.Core.Tags;

/// <summary>How a tag listing is ordered.</summary>
public enum TagSortKey
{
    /// <summary>By name, ordinally (as the distribution API lists them).</summary>
    Name,

    /// <summary>By when the tag last moved, then by name.</summary>
    Pushed,

    /// <summary>By <see cref="SemanticVersion"/> precedence; tags that are not versions follow, by name.</summary>
    SemVer,
}
