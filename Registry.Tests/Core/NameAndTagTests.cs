using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class NameAndTagTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("library/ubuntu")]
    [InlineData("base/java")]
    [InlineData("a.b_c__d-e---f/g0")]
    [InlineData("x/y/z/w")]
    public void RepositoryName_ValidGrammar_Parses(string text)
    {
        Assert.True(RepositoryName.TryParse(text, out RepositoryName? name));
        Assert.Equal(text, name.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a/../b")]
    [InlineData("a..b")]
    [InlineData("a___b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a b")]
    [InlineData("a%2Fb")]
    public void RepositoryName_InvalidGrammar_IsRejected(string text) => Assert.False(RepositoryName.TryParse(text, out _));

    [Fact]
    public void RepositoryName_LongerThan255_IsRejected()
        => Assert.False(RepositoryName.TryParse(new string('a', 256), out _));

    [Fact]
    public void RepositoryName_Namespace_IsFirstComponent()
    {
        Assert.Equal("base", RepositoryName.Parse("base/java").Namespace);
        Assert.Equal("solo", RepositoryName.Parse("solo").Namespace);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("17.0.12")]
    [InlineData("_x")]
    [InlineData("v1-rc.2_b")]
    public void Tag_ValidGrammar_Parses(string text) => Assert.True(TagName.TryParse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData(".x")]
    [InlineData("-x")]
    [InlineData("a:b")]
    [InlineData("a/b")]
    public void Tag_InvalidGrammar_IsRejected(string text) => Assert.False(TagName.TryParse(text, out _));

    [Fact]
    public void Tag_LongerThan128_IsRejected()
    {
        Assert.True(TagName.TryParse(new string('a', 128), out _));
        Assert.False(TagName.TryParse(new string('a', 129), out _));
    }

    [Fact]
    public void Reference_WithColon_IsDigest()
    {
        ReferenceParseResult result = Reference.Parse(Digest.Compute(DigestAlgorithm.Sha256, "x"u8).Value);
        Assert.True(result.Success);
        Assert.True(result.Reference.IsDigest);
    }

    [Fact]
    public void Reference_Tag_IsTag()
    {
        ReferenceParseResult result = Reference.Parse("v1");
        Assert.True(result.Success);
        Assert.Equal("v1", result.Reference.Tag!.Value);
    }

    [Theory]
    [InlineData("sha256:zz", ReferenceParseError.InvalidDigest)]
    [InlineData("md5:5eb63bbbe01eeed093cb22bb8f5acdc3", ReferenceParseError.UnsupportedDigest)]
    [InlineData(".bad", ReferenceParseError.InvalidTag)]
    public void Reference_Invalid_SaysWhy(string text, ReferenceParseError expected)
        => Assert.Equal(expected, Reference.Parse(text).Error);
}
