using Registry.Core.Tags;

namespace Registry.Tests.Core.Tags;

public sealed class SemanticVersionTests
{
    private static SemanticVersion V(string text) => SemanticVersion.TryParse(text, out SemanticVersion? version) ? version : throw new FormatException(text);

    [Theory]
    [InlineData("1.2.3", false, 1L, 2L, 3L, "", null)]
    [InlineData("v1.2.3", true, 1L, 2L, 3L, "", null)]
    [InlineData("0.0.0", false, 0L, 0L, 0L, "", null)]
    [InlineData("17.0.12-rc.1", false, 17L, 0L, 12L, "rc.1", null)]
    [InlineData("1.0.0-alpha-2.x", false, 1L, 0L, 0L, "alpha-2.x", null)]
    [InlineData("1.0.0+build.5", false, 1L, 0L, 0L, "", "build.5")]
    [InlineData("1.0.0-beta+exp.sha.5114f85", false, 1L, 0L, 0L, "beta", "exp.sha.5114f85")]
    [InlineData("20240105.1.0", false, 20240105L, 1L, 0L, "", null)]
    public void TryParse_FullVersion_ReadsEveryPart(string text, bool prefixed, long major, long minor, long patch, string preRelease, string? build)
    {
        SemanticVersion version = V(text);

        Assert.Equal((prefixed, major, minor, patch), (version.HasPrefix, version.Major, version.Minor!.Value, version.Patch!.Value));
        Assert.Equal(preRelease, string.Join('.', version.PreRelease));
        Assert.Equal(build, version.Build);
        Assert.True(version.IsFull);
        Assert.Equal(preRelease.Length == 0, version.IsRelease);
        Assert.Equal(text, version.ToString());
    }

    [Theory]
    [InlineData("17", 17L, null)]
    [InlineData("17.0", 17L, 0L)]
    [InlineData("v3", 3L, null)]
    public void TryParse_VersionLine_HasNoPatchAndIsNoRelease(string text, long major, long? minor)
    {
        SemanticVersion version = V(text);

        Assert.Equal((major, minor, (long?)null), (version.Major, version.Minor, version.Patch));
        Assert.False(version.IsFull);
        Assert.False(version.IsRelease);
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("v")]
    [InlineData("V1.2.3")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.03")]
    [InlineData("1..3")]
    [InlineData("1.2.")]
    [InlineData(".1.2")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-rc..1")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-rc_1")]
    [InlineData("1.2.3+")]
    [InlineData("17-rc1")]
    [InlineData("17.0-rc1")]
    [InlineData("1.2.3_build")]
    [InlineData("1234567890123456789.0.0")]
    [InlineData("-1.0.0")]
    [InlineData("1.0.0 ")]
    public void TryParse_NotAVersion_ReturnsFalse(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1.9.2", "1.10.0")]
    [InlineData("1.10.0", "2.0.0")]
    [InlineData("1.0.0", "1.0.1")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-beta.2")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-beta.11", "1.0.0-rc.1")]
    [InlineData("18.0.0-rc1", "18.0.0")]
    [InlineData("17.0.12", "17.0")]
    [InlineData("17.0", "17.1.0")]
    [InlineData("17.9.9", "17")]
    [InlineData("17.1", "17")]
    [InlineData("17", "18.0.0-rc1")]
    [InlineData("v1.9.0", "1.10.0")]
    public void CompareTo_OrdersBySemVerPrecedence(string lower, string higher)
    {
        Assert.True(V(lower).CompareTo(V(higher)) < 0, $"{lower} < {higher}");
        Assert.True(V(higher).CompareTo(V(lower)) > 0, $"{higher} > {lower}");
    }

    [Theory]
    [InlineData("1.0.0", "v1.0.0")]
    [InlineData("1.0.0+a", "1.0.0+b")]
    [InlineData("1.0.0-rc.1+a", "1.0.0-rc.1")]
    [InlineData("17.0", "v17.0")]
    public void CompareTo_IgnoresPrefixAndBuildMetadata(string a, string b)
    {
        Assert.Equal(0, V(a).CompareTo(V(b)));
    }
}
