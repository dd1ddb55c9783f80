using Registry.Core.Replication;
using Registry.Core.Transfer;

namespace Registry.Tests.Core.Replication;

public sealed class ReplicationDeletesTests
{
    private static TransferFilter Filter(string[]? tags = null, string? versions = null)
    {
        Assert.Null(TransferFilter.TryCreate(null, tags, versions, false, out TransferFilter? filter));
        return filter!;
    }

    [Fact]
    public void TagsToDelete_AreTheSelectedDestinationTagsTheSourceLacks()
    {
        IReadOnlyList<string> doomed = ReplicationDeletes.TagsToDelete(["1.0", "2.0"], ["2.0", "1.1", "1.0", "0.9"], Filter());

        Assert.Equal(["0.9", "1.1"], doomed);
    }

    [Fact]
    public void TagsToDelete_NeverNamesATagTheFilterDoesNotSelect()
    {
        IReadOnlyList<string> doomed = ReplicationDeletes.TagsToDelete(["v1"], ["v1", "v2", "latest", "nightly"], Filter(["v*"]));

        Assert.Equal(["v2"], doomed);
    }

    [Fact]
    public void TagsToDelete_HonoursTheVersionRange_AndRegexSelectors()
    {
        TransferFilter filter = Filter(["regex:^[0-9]+\\.[0-9]+\\.[0-9]+$"], ">=17.0.0 <18");

        IReadOnlyList<string> doomed = ReplicationDeletes.TagsToDelete(["17.0.1"], ["16.9.0", "17.0.0", "17.0.1", "17.2.0", "18.0.0", "17.1"], filter);

        Assert.Equal(["17.0.0", "17.2.0"], doomed);
    }

    [Fact]
    public void TagsToDelete_WithTheSourceGone_IsEverySelectedDestinationTag_Once()
    {
        IReadOnlyList<string> doomed = ReplicationDeletes.TagsToDelete([], ["b", "a", "b", "keep-me"], Filter(["a", "b"]));

        Assert.Equal(["a", "b"], doomed);
    }

    [Fact]
    public void TagsToDelete_WithNothingMissing_IsEmpty()
    {
        Assert.Empty(ReplicationDeletes.TagsToDelete(["a", "b"], ["a", "b"], Filter()));
    }

    [Fact]
    public void KeptBy_NamesAStayingTagOnTheDigest_ElseNull()
    {
        var staying = new Dictionary<string, string> { ["latest"] = "sha256:aa", ["stable"] = "sha256:aa", ["2.0"] = "sha256:bb" };

        Assert.Equal("latest", ReplicationDeletes.KeptBy("sha256:aa", staying));
        Assert.Null(ReplicationDeletes.KeptBy("sha256:cc", staying));
    }
}
