using Registry.Core.Lineage;
using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class LayerChainTests
{
    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    [Fact]
    public void Compute_FirstChainIsTheFirstLayer_AndEachPrefixHasItsOwnChain()
    {
        IReadOnlyList<string> chain = LayerChain.Compute([D("a"), D("b"), D("c")]);

        Assert.Equal(3, chain.Count);
        Assert.Equal(D("a").Value, chain[0]);
        Assert.Equal(3, chain.Distinct().Count());
    }

    [Fact]
    public void Compute_SharedPrefix_GivesEqualChainsUpToWhereTheLayersDiffer()
    {
        IReadOnlyList<string> base1 = LayerChain.Compute([D("a"), D("b")]);
        IReadOnlyList<string> image = LayerChain.Compute([D("a"), D("b"), D("app")]);
        IReadOnlyList<string> other = LayerChain.Compute([D("a"), D("x"), D("app")]);

        Assert.Equal(base1[1], image[1]);
        Assert.NotEqual(image[1], other[1]);
        Assert.NotEqual(image[2], other[2]);
    }

    [Fact]
    public void Compute_SameLayersInAnotherOrder_DiffersAtTheFirstSwap()
    {
        Assert.NotEqual(LayerChain.Compute([D("a"), D("b")])[1], LayerChain.Compute([D("b"), D("a")])[1]);
    }

    [Theory]
    [InlineData("base/java", true)]
    [InlineData("base/tomcat/10", true)]
    [InlineData("tools/jdk", true)]
    [InlineData("tools/jdk2", false)]
    [InlineData("team/app", false)]
    [InlineData("baseline/app", false)]
    public void BaseRepositoryPatterns_MatchExactNamesAndPrefixes(string repository, bool expected)
    {
        var patterns = new BaseRepositoryPatterns(["base/*", "tools/jdk"]);

        Assert.Equal(expected, patterns.Matches(RepositoryName.Parse(repository)));
    }
}
