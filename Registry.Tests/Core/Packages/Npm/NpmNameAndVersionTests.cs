using Registry.Core.Packages.Npm;

namespace Registry.Tests.Core.Packages.Npm;

public sealed class NpmNameAndVersionTests
{
    [Theory]
    [InlineData("left-pad", null, "left-pad")]
    [InlineData("@babel/core", "babel", "core")]
    [InlineData("a.b_c-d", null, "a.b_c-d")]
    public void TryParse_ValidNames_SplitScopeAndBasename(string text, string? scope, string basename)
    {
        NpmPackageName? name = NpmPackageName.TryParse(text, strict: true, out string? error);

        Assert.Null(error);
        Assert.Equal((scope, basename, text), (name!.Scope, name.Basename, name.Full));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("_private")]
    [InlineData("Upper")]
    [InlineData("a/b")]
    [InlineData("@scope")]
    [InlineData("@scope/..")]
    [InlineData("@../x")]
    [InlineData("a%2fb")]
    [InlineData("a\\b")]
    [InlineData("node_modules")]
    public void TryParse_InvalidNames_AreRefusedWithAReason(string text)
    {
        Assert.Null(NpmPackageName.TryParse(text, strict: true, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_NameLongerThan214_IsRefused()
        => Assert.Null(NpmPackageName.TryParse(new string('a', NpmLimits.MaxNameLength + 1), strict: true, out _));

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("0.0.1-alpha.1+build.5", true)]
    [InlineData("1.0", false)]
    [InlineData("01.0.0", false)]
    [InlineData("1.0.0-01", false)]
    [InlineData("v1.0.0", false)]
    [InlineData("1.0.0/../x", false)]
    public void IsValid_FollowsSemver(string text, bool valid) => Assert.Equal(valid, NpmVersion.IsValid(text));

    [Fact]
    public void CompareTo_OrdersByPrecedence()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.2.0", "10.0.0"];
        string[] sorted = [.. ordered.Reverse().Select(v => NpmVersion.TryParse(v, out _)!).Order().Select(v => v.Text)];

        Assert.Equal(ordered, sorted);
    }
}
