using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Tests.Core.Tags;

public sealed class TagSortingTests
{
    private static readonly Digest D = Digest.Compute(DigestAlgorithm.Sha256, [1]);

    private static TagDetail T(string name, int minute = 0) => new(name, D, new DateTimeOffset(2026, 1, 1, 0, minute, 0, TimeSpan.Zero));

    private static IReadOnlyList<string> Sort(TagSortKey key, bool descending, params TagDetail[] tags)
        => [.. TagSorting.Sort(tags, key, descending).Select(t => t.Name)];

    [Fact]
    public void SemVer_Ascending_PutsVersionsByPrecedence_ThenOtherTagsByName()
    {
        Assert.Equal(
            ["1.0.0-rc.1", "1.0.0", "1.2.0", "1.9.2", "1.10.0", "v1.10.0", "1.10", "1", "2.0.0", "2", "latest", "main"],
            Sort(TagSortKey.SemVer, false, T("main"), T("1.10.0"), T("2"), T("1.9.2"), T("latest"), T("1"), T("1.0.0"), T("v1.10.0"), T("2.0.0"), T("1.10"), T("1.0.0-rc.1"), T("1.2.0")));
    }

    [Fact]
    public void SemVer_Descending_ReversesTheVersions_AndKeepsOtherTagsLast()
    {
        Assert.Equal(
            ["1.10.0", "1.9.2", "1.0.0", "1.0.0-rc.1", "latest", "main"],
            Sort(TagSortKey.SemVer, true, T("1.0.0"), T("main"), T("1.10.0"), T("latest"), T("1.0.0-rc.1"), T("1.9.2")));
    }

    [Fact]
    public void Pushed_OrdersByTime_ThenName()
    {
        Assert.Equal(["b", "c", "a"], Sort(TagSortKey.Pushed, false, T("a", 5), T("c", 1), T("b", 1)));
        Assert.Equal(["a", "c", "b"], Sort(TagSortKey.Pushed, true, T("a", 5), T("c", 1), T("b", 1)));
    }

    [Fact]
    public void Name_OrdersOrdinally()
    {
        Assert.Equal(["B", "a", "a-b", "b"], Sort(TagSortKey.Name, false, T("b"), T("a-b"), T("a"), T("B")));
        Assert.Equal(["b", "a-b", "a", "B"], Sort(TagSortKey.Name, true, T("b"), T("a-b"), T("a"), T("B")));
    }
}
