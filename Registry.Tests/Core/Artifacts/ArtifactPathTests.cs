using Registry.Core.Artifacts;

namespace Registry.Tests.Core.Artifacts;

public sealed class ArtifactPathTests
{
    [Theory]
    [InlineData("a/b/c.jar", "a/b/c.jar", false)]
    [InlineData("a/b%20c/d.txt", "a/b c/d.txt", false)]
    [InlineData("a/b/", "a/b", true)]
    [InlineData("", "", true)]
    public void ValidPaths_AreDecodedSegmentBySegment(string raw, string expected, bool folder)
    {
        Assert.True(ArtifactPath.TryParse(raw, out ArtifactPath? path, out string? error), error);
        Assert.Equal((expected, folder), (path.Value, path.EndsWithSlash));
    }

    [Theory]
    [InlineData("../x", "traversal")]
    [InlineData("a/%2e%2E/x", "traversal")]
    [InlineData("a/./x", "traversal")]
    [InlineData("a%2Fb", "encoded slashes")]
    [InlineData("a%5Cb", "backslashes")]
    [InlineData("a\\b", "backslashes")]
    [InlineData("/abs", "absolute")]
    [InlineData("c:/windows", "absolute")]
    [InlineData("a//b", "empty path segments")]
    [InlineData("a/b%0Ac", "control characters")]
    public void InvalidPaths_AreRefusedWithTheReason(string raw, string reason)
    {
        Assert.False(ArtifactPath.TryParse(raw, out _, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void MatrixParameters_OnAnySegment_BecomeProperties()
    {
        Assert.True(ArtifactPath.TryParse("a;x=1/b.jar;build.number=42;vcs.revision=a%3Db;flag", out ArtifactPath? path, out _));
        Assert.Equal("a/b.jar", path.Value);
        Assert.Equal([new("x", "1"), new("build.number", "42"), new("vcs.revision", "a=b"), new("flag", "")], path.Matrix);
        Assert.False(ArtifactPath.TryParse("a.jar;bad name=1", out _, out string? error));
        Assert.Contains("property name", error);
    }

    [Fact]
    public void PropertySyntax_SplitsPairsAndValues_HonouringEscapes()
    {
        IReadOnlyList<ArtifactProperty>? parsed = ArtifactPropertyRules.Parse(@"a=1|b=2,3|c=x\,y|d=p\|q", out string? error);
        Assert.Null(error);
        Assert.Equal([new("a", "1"), new("b", "2"), new("b", "3"), new("c", "x,y"), new("d", "p|q")], parsed!);
        Assert.Null(ArtifactPropertyRules.Parse("bad name=1", out error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("com/example/lib/1.0/lib-1.0.jar", null, true)]
    [InlineData("com/example/lib/1.0/lib-1.0-sources.jar", null, true)]
    [InlineData("com/example/lib/1.1-SNAPSHOT/lib-1.1-20260101.120000-3.jar", null, false)]
    [InlineData("com/example/lib/maven-metadata.xml", null, false)]
    [InlineData("com/example/lib/1.0/other-1.0.jar", "must be named lib-1.0", false)]
    [InlineData("lib/1.0/lib-1.0.jar", "Maven layout", false)]
    public void MavenLayout_ChecksNamesAndTellsReleasesFromSnapshotsAndMetadata(string path, string? error, bool release)
    {
        string? problem = MavenLayout.LayoutError(path);
        if (error is null)
        {
            Assert.Null(problem);
            Assert.Equal(release, MavenLayout.IsReleaseFile(path));
        }
        else
        {
            Assert.Contains(error, problem);
        }
    }

    [Fact]
    public void ChecksumCompanions_NameTheirFileAndKind()
    {
        Assert.True(ChecksumCompanion.TryParse("a/b.jar.sha256", out ChecksumCompanion sha256));
        Assert.Equal(new ChecksumCompanion("a/b.jar", ChecksumKind.Sha256), sha256);
        Assert.True(ChecksumCompanion.TryParse("a/b.jar.md5", out ChecksumCompanion md5));
        Assert.Equal(ChecksumKind.Md5, md5.Kind);
        Assert.False(ChecksumCompanion.TryParse("a/.sha1", out _));
        Assert.False(ChecksumCompanion.TryParse("a/b.jar.sha512", out _));
    }

    [Fact]
    public void NamePatterns_BecomeEscapedLike()
    {
        Assert.True(NamePattern.TryParse("a_b%*.j?r", out NamePattern? pattern));
        Assert.Equal(@"a\_b\%%.j_r", pattern!.ToLike());
        Assert.False(NamePattern.TryParse("a/b", out _));
    }
}
