using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Tests.Core.Transfer;

public sealed class TransferFilterTests
{
    private static TransferFilter Filter(string[]? repositories = null, string[]? tags = null, string? versions = null)
    {
        string? problem = TransferFilter.TryCreate(repositories, tags, versions, false, out TransferFilter? filter);
        Assert.Null(problem);
        return filter!;
    }

    [Fact]
    public void NoPatterns_TakeEverything()
    {
        TransferFilter filter = Filter();
        Assert.True(filter.TakesRepository("a/b/c"));
        Assert.True(filter.TakesTag("latest"));
    }

    [Theory]
    [InlineData("team/*", "team/app", true)]
    [InlineData("team/*", "team/app/sub", false)]
    [InlineData("team/*", "other/app", false)]
    [InlineData("team/**", "team/app/sub", true)]
    [InlineData("**/base", "x/y/base", true)]
    [InlineData("team/ap?", "team/app", true)]
    [InlineData("team/ap?", "team/apps", false)]
    [InlineData("team.io/app", "teamxio/app", false)]
    public void RepositoryGlob_MatchesSegments(string glob, string repository, bool expected)
        => Assert.Equal(expected, Filter(repositories: [glob]).TakesRepository(repository));

    [Theory]
    [InlineData("v1.*", "v1.2", true)]
    [InlineData("v1.*", "v2.0", false)]
    [InlineData("v1.?", "v1.20", false)]
    [InlineData("regex:v1\\.[0-9]+", "v1.20", true)]
    [InlineData("regex:v1\\.[0-9]+", "v1.20-rc", false)]
    [InlineData("regex:(?i)LATEST", "latest", true)]
    public void TagSelector_MatchesWholeTag(string pattern, string tag, bool expected)
        => Assert.Equal(expected, Filter(tags: [pattern]).TakesTag(tag));

    [Fact]
    public void TagsAndVersions_MustBothHold()
    {
        TransferFilter filter = Filter(tags: ["17.*", "latest"], versions: ">=17.0.0 <18");
        Assert.True(filter.TakesTag("17.0.3"));
        Assert.False(filter.TakesTag("latest"));   // matches a pattern but is not a version in the range
        Assert.False(filter.TakesTag("18.0.0"));
    }

    [Fact]
    public void SeveralPatterns_AnyMatches()
    {
        TransferFilter filter = Filter(repositories: ["a/*", "b/*"], tags: ["v1", "v2"]);
        Assert.True(filter.TakesRepository("b/x"));
        Assert.False(filter.TakesRepository("c/x"));
        Assert.True(filter.TakesTag("v2"));
        Assert.False(filter.TakesTag("v3"));
    }

    [Fact]
    public void Files_GoOnlyWhenArtifactRepositoriesAreNamed_AndTheirPathMatches()
    {
        Assert.False(Filter().TakesFile("libs", "a/b.jar"));
        Assert.Null(TransferFilter.TryCreate(null, null, null, false, ["libs-*"], ["com/Example/**/*.jar"], out TransferFilter? filter));
        Assert.True(filter!.TakesFile("libs-release", "com/Example/app/1.0/app-1.0.jar"));
        Assert.False(filter.TakesFile("libs-release", "com/Example/app/1.0/app-1.0.pom"));
        Assert.False(filter.TakesFile("other", "com/Example/app/1.0/app-1.0.jar"));
    }

    [Theory]
    [InlineData(new[] { "Team/App" }, null, null)]
    [InlineData(new[] { "team app" }, null, null)]
    [InlineData(null, new[] { "v1/x" }, null)]
    [InlineData(null, new[] { "regex:(a" }, null)]
    [InlineData(null, new[] { "regex:(?=a)a" }, null)]
    [InlineData(null, null, "~1")]
    public void TryCreate_NamesTheBadPart(string[]? repositories, string[]? tags, string? versions)
    {
        string? problem = TransferFilter.TryCreate(repositories, tags, versions, false, out TransferFilter? filter);
        Assert.NotNull(problem);
        Assert.Null(filter);
    }
}
