namespace Registry.Core.Tags;

/// <summary>
/// Decides which floating tags follow a push (pure: the store runs it inside the push's transaction). Only a release
/// (<c>MAJOR.MINOR.PATCH</c>, no pre-release) floats, and only upwards: <c>MAJOR.MINOR</c> moves when the pushed
/// version is at least every release of that minor line, <c>MAJOR</c> when it is at least every release of that
/// major line, <c>latest</c> (when configured) when it is at least every release in the repository. Lines are
/// spelled as the pushed tag is (<c>v17.0.12</c> moves <c>v17.0</c> and <c>v17</c>) and count only releases spelled
/// the same way; <c>latest</c> compares releases of either spelling.
/// </summary>
public static class FloatingTagPlanner
{
    public const string Latest = "latest";

    /// <summary>The actor tag history records for floating moves (the audit log names the pusher who caused them).</summary>
    public const string Actor = "floating-tags";

    /// <summary>
    /// The tags to point at the pushed tag's manifest, major line first, then minor line, then <c>latest</c>;
    /// empty when nothing floats. <paramref name="existingTags"/> are the repository's tags (with or without the
    /// pushed one); tags that are not versions are ignored.
    /// </summary>
    public static IReadOnlyList<string> Plan(string pushedTag, IEnumerable<string> existingTags, FloatingTagSettings settings)
    {
        ArgumentNullException.ThrowIfNull(existingTags);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.FloatingTags || !SemanticVersion.TryParse(pushedTag, out SemanticVersion? pushed) || !pushed.IsRelease)
        {
            return [];
        }

        bool highestInMajor = true;
        bool highestInMinor = true;
        bool highestOverall = true;
        foreach (string tag in existingTags)
        {
            if (!SemanticVersion.TryParse(tag, out SemanticVersion? other) || !other.IsRelease || other.CompareTo(pushed) <= 0)
            {
                continue;
            }

            highestOverall = false;
            if (other.HasPrefix == pushed.HasPrefix && other.Major == pushed.Major)
            {
                highestInMajor = false;
                highestInMinor &= other.Minor != pushed.Minor;
            }
        }

        var plan = new List<string>(3);
        if (highestInMajor)
        {
            plan.Add($"{pushed.Prefix}{pushed.Major}");
        }

        if (highestInMinor)
        {
            plan.Add($"{pushed.Prefix}{pushed.Major}.{pushed.Minor}");
        }

        if (settings.FloatLatest && highestOverall)
        {
            plan.Add(Latest);
        }

        return plan;
    }
}
