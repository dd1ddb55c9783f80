using Registry.Core.Content;
using Registry.Core.Primitives;
using Registry.Core.Retention;

namespace Registry.Tests.Core.Content;

public sealed class UntaggedManifestsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static SnapshotManifest M(string seed, int daysAgo, string? subject = null, params string[] children)
        => new(D(seed), children.Length > 0 ? MediaTypes.OciImageIndex : MediaTypes.OciImageManifest, 500, subject is null ? null : D(subject),
            Now.AddDays(-daysAgo), [.. children.Select(D)]);

    [Fact]
    public void Untagged_LeavesOutTaggedManifests_IndexChildren_AndReferrersOfPresentManifests_NewestFirst()
    {
        SnapshotManifest[] manifests =
        [
            M("tagged", 1), M("old-untagged", 30), M("young-untagged", 2), M("child-of-tagged", 5), M("child-of-untagged", 5),
            M("tagged-index", 3, null, "child-of-tagged"), M("untagged-index", 4, null, "child-of-untagged"),
            M("signature", 1, "tagged"), M("orphan-referrer", 6, "gone"),
        ];
        var snapshot = new RetentionSnapshot([new SnapshotTag("1.0", D("tagged"), Now, null), new SnapshotTag("multi", D("tagged-index"), Now, null)], manifests);

        IReadOnlyList<SnapshotManifest> untagged = UntaggedManifests.Of(snapshot);
        IReadOnlyList<SnapshotManifest> standing = UntaggedManifests.StandingAlone(snapshot);

        Assert.Equal([D("young-untagged"), D("untagged-index"), D("orphan-referrer"), D("old-untagged")], untagged.Select(m => m.Digest));
        Assert.Equal([D("tagged"), D("young-untagged"), D("tagged-index"), D("untagged-index"), D("orphan-referrer"), D("old-untagged")], standing.Select(m => m.Digest));
    }
}
