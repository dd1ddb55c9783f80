using Registry.Core.Packages.Nuget;

namespace Registry.Tests.Core.Packages.Nuget;

public sealed class NugetVersionTests
{
    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1", "1.0.0")]
    [InlineData("1.0.0.0", "1.0.0")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("01.002.03", "1.2.3")]
    [InlineData("1.0.0+build.5", "1.0.0")]
    [InlineData("1.0.0-Beta.1+sha.abc", "1.0.0-Beta.1")]
    [InlineData("2.0.0-RC", "2.0.0-RC")]
    public void Versions_AreNormalizedAsNuGetDoes(string text, string normalized)
    {
        Assert.True(NugetVersion.TryParse(text, out NugetVersion? version));
        Assert.Equal(normalized, version.Normalized);
        Assert.Equal(normalized.ToLowerInvariant(), version.Lower);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0.0.0.0")]
    [InlineData("1..0")]
    [InlineData("1.0-")]
    [InlineData("1.0.0-beta..1")]
    [InlineData("1.0.0-be_ta")]
    [InlineData("v1.0")]
    [InlineData(" 1.0")]
    [InlineData("1.0/../x")]
    [InlineData("-1.0")]
    [InlineData("99999999999.0")]
    public void InvalidVersions_AreRefused(string text) => Assert.False(NugetVersion.TryParse(text, out _));

    [Fact]
    public void Versions_AreOrderedBySemVerPrecedence()
    {
        string[] texts = ["1.0.0", "1.0.0-beta.11", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0-alpha.1", "0.9.9.9", "1.0.0.1", "1.0.0-RC.1"];
        List<string> sorted = [.. texts.Select(t => { Assert.True(NugetVersion.TryParse(t, out NugetVersion? v)); return v; }).Order().Select(v => v.Normalized)];
        Assert.Equal(["0.9.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-RC.1", "1.0.0", "1.0.0.1"], sorted);
    }

    [Fact]
    public void PrereleaseAndSemVer2_AreTold()
    {
        Assert.True(NugetVersion.TryParse("1.0.0-beta", out NugetVersion? beta));
        Assert.True(NugetVersion.TryParse("1.0.0-beta.1", out NugetVersion? dotted));
        Assert.True(NugetVersion.TryParse("1.0.0", out NugetVersion? release));
        Assert.Equal((true, false), (beta.IsPrerelease, beta.IsSemVer2));
        Assert.Equal((true, true), (dotted.IsPrerelease, dotted.IsSemVer2));
        Assert.Equal((false, false), (release.IsPrerelease, release.IsSemVer2));
    }

    [Theory]
    [InlineData("1.0", "[1.0.0, )")]
    [InlineData("[1.0]", "[1.0.0]")]
    [InlineData("[1.0,2.0)", "[1.0.0, 2.0.0)")]
    [InlineData("(, 2.0]", "(, 2.0.0]")]
    [InlineData("(1.0,)", "(1.0.0, )")]
    [InlineData("", "(, )")]
    [InlineData(null, "(, )")]
    public void Ranges_AreParsedAndWrittenAsNuGetWritesThem(string? text, string normalized)
    {
        Assert.True(NugetVersionRange.TryParse(text, out NugetVersionRange? range));
        Assert.Equal(normalized, range.Normalized);
    }

    [Theory]
    [InlineData("[1.0")]
    [InlineData("(1.0)")]
    [InlineData("[2.0,1.0]")]
    [InlineData("[1.0,2.0,3.0]")]
    [InlineData("1.*")]
    [InlineData("[abc,)")]
    public void BadRanges_AreRefused(string text) => Assert.False(NugetVersionRange.TryParse(text, out _));

    [Theory]
    [InlineData("Newtonsoft.Json", true)]
    [InlineData("My_Lib-2.Core", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("a..b", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("trailing.", false)]
    [InlineData("Ünicode", false)]
    public void Ids_FollowNuGetsRule(string id, bool valid) => Assert.Equal(valid, NugetPackageId.IsValid(id));
}
