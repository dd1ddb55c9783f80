using Registry.Core.Primitives;
using Registry.Core.Retention;

namespace Registry.Core.Content;

/// <summary>
/// The manifests of a repository that nothing in it reaches: no tag points at them, no index of the repository lists
/// them, and they are not a referrer (signature, SBOM) of a manifest of the repository. These are what a client can
/// only pull by digest and what the console offers to delete one by one. Children of an index and referrers are left
/// out whether or not their index or subject is tagged: they go with (or stay with) what reaches them, and appear
/// here once that is deleted. The same rule decides what a retention policy treats as "untagged"
/// (<see cref="RetentionPlanner"/>).
/// </summary>
public static class UntaggedManifests
{
    /// <summary>The untagged manifests of the snapshot, newest first (ties by digest).</summary>
    public static IReadOnlyList<SnapshotManifest> Of(RetentionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var tagged = snapshot.Tags.Select(t => t.Digest).ToHashSet();
        return [.. StandingAlone(snapshot).Where(m => !tagged.Contains(m.Digest))];
    }

    /// <summary>
    /// The manifests, tagged or not, that no index of the repository lists and that refer to no manifest of it, newest
    /// first (ties by digest): the ones that may be deleted without leaving an index or a referrer dangling.
    /// </summary>
    public static IReadOnlyList<SnapshotManifest> StandingAlone(RetentionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var present = snapshot.Manifests.Select(m => m.Digest).ToHashSet();
        var listed = snapshot.Manifests.SelectMany(m => m.Children).ToHashSet();
        return snapshot.Manifests
            .Where(m => !listed.Contains(m.Digest) && !(m.Subject is { } subject && present.Contains(subject)))
            .OrderByDescending(m => m.CreatedAt)
            .ThenBy(m => m.Digest.Value, StringComparer.Ordinal)
            .ToList();
    }
}
