using Registry.Core.Retention;

namespace Registry.Tests.Core.Retention;

public sealed class KeepRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static RetentionCandidate C(string name, int pushedDaysAgo, int? pulledDaysAgo = null, bool isProtected = false)
        => new(name, Now.AddDays(-pushedDaysAgo), pulledDaysAgo is { } p ? Now.AddDays(-p) : null, isProtected);

    private static string[] Kept(IKeepRule rule, params RetentionCandidate[] candidates)
        => [.. rule.Keep(candidates, Now).Select(c => c.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void MostRecentlyPushed_KeepsTheNewest_TiesByName()
    {
        RetentionCandidate[] tags = [C("a", 5), C("b", 1), C("c", 3), C("d", 3), C("e", 9)];
        Assert.Equal(["b", "c"], Kept(new KeepMostRecentlyPushed(2), tags));
        Assert.Equal(["a", "b", "c", "d", "e"], Kept(new KeepMostRecentlyPushed(10), tags));
    }

    [Fact]
    public void MostRecentlyPulled_KeepsTheLastPulled_AndNeverTheNeverPulled()
    {
        RetentionCandidate[] tags = [C("a", 1), C("b", 50, pulledDaysAgo: 2), C("c", 40, pulledDaysAgo: 30), C("d", 2, pulledDaysAgo: 1)];
        Assert.Equal(["b", "d"], Kept(new KeepMostRecentlyPulled(2), tags));
        Assert.Equal(["b", "c", "d"], Kept(new KeepMostRecentlyPulled(5), tags));
    }

    [Fact]
    public void Matching_KeepsWholeNameMatchesOnly()
    {
        RetentionCandidate[] tags = [C("release-1", 1), C("release-1-rc", 1), C("prerelease-1", 1), C("main", 1)];
        Assert.Equal(["release-1"], Kept(new KeepMatching(@"release-\d+"), tags));
        Assert.Equal(["main", "release-1"], Kept(new KeepMatching(@"main|release-\d+"), tags));
    }

    [Fact]
    public void Matching_RefusesPatternsTheEngineCannotRunSafely()
    {
        Assert.Throws<ArgumentException>(() => new KeepMatching(@"(a)\1"));
        Assert.Throws<ArgumentException>(() => new KeepMatching("("));
    }

    [Fact]
    public void Recent_KeepsWhatWasPushedOrPulledWithinItsDurations()
    {
        RetentionCandidate[] tags = [C("fresh", 3), C("stale", 60), C("stale-but-pulled", 60, pulledDaysAgo: 2), C("edge", 7)];
        Assert.Equal(["edge", "fresh"], Kept(new KeepRecent(TimeSpan.FromDays(7), null), tags));
        Assert.Equal(["stale-but-pulled"], Kept(new KeepRecent(null, TimeSpan.FromDays(7)), tags));
        Assert.Equal(["edge", "fresh", "stale-but-pulled"], Kept(new KeepRecent(TimeSpan.FromDays(7), TimeSpan.FromDays(7)), tags));
        Assert.Throws<ArgumentException>(() => new KeepRecent(null, null));
    }

    [Fact]
    public void HighestVersions_ByPrecedence_NotByPushTimeOrName()
    {
        RetentionCandidate[] tags = [C("1.9.0", 1), C("1.10.0", 30), C("v1.2.0", 2), C("2.0.0-rc.1", 0), C("latest", 0), C("1", 0), C("1.9", 0)];
        Assert.Equal(["1.10.0", "1.9.0"], Kept(new KeepHighestVersions(2, perMajor: false, includePreReleases: false), tags));
        Assert.Equal(["1.10.0", "2.0.0-rc.1"], Kept(new KeepHighestVersions(2, perMajor: false, includePreReleases: true), tags));
    }

    [Fact]
    public void HighestVersions_PerMajor_KeepsThatManyInEachMajorVersion()
    {
        RetentionCandidate[] tags = [C("1.0.0", 9), C("1.1.0", 8), C("1.2.0", 7), C("2.0.0", 6), C("2.0.1", 5), C("v3.0.0", 4)];
        Assert.Equal(["1.1.0", "1.2.0", "2.0.0", "2.0.1", "v3.0.0"], Kept(new KeepHighestVersions(2, perMajor: true, includePreReleases: false), tags));
    }

    [Fact]
    public void Evaluate_KeepsTheUnionOfRulesAndEveryProtectedCandidate()
    {
        RetentionCandidate[] tags = [C("a", 1), C("b", 2), C("c", 3, isProtected: true), C("release-1", 10)];
        HashSet<string> kept = KeepRules.Evaluate([new KeepMostRecentlyPushed(1), new KeepMatching("release-.*")], tags, Now);
        Assert.Equal(["a", "c", "release-1"], kept.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_WithoutRules_KeepsEverything()
        => Assert.Equal(2, KeepRules.Evaluate([], [C("a", 1), C("b", 400)], Now).Count);

    [Theory]
    [InlineData("most-recently-pushed", null, null, "needs a count")]
    [InlineData("most-recently-pushed", 0, null, "between 1 and")]
    [InlineData("matching", null, null, "needs a pattern")]
    [InlineData("matching", 3, "x", "takes no count")]
    [InlineData("matching", null, "(?<=a)b", "non-backtracking")]
    [InlineData("recent", null, null, "needs pushedWithin")]
    [InlineData("keep-all", null, null, "must be one of")]
    public void TryCreate_ExplainsWhatIsWrong(string kind, int? count, string? pattern, string expected)
    {
        Assert.False(KeepRules.TryCreate(new KeepRuleSpec(kind, count, pattern), out _, out string? problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void TryCreate_BuildsEachKind()
    {
        Assert.IsType<KeepMostRecentlyPushed>(Create(new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 3)));
        Assert.IsType<KeepMostRecentlyPulled>(Create(new KeepRuleSpec(KeepRules.MostRecentlyPulled, Count: 3)));
        Assert.IsType<KeepMatching>(Create(new KeepRuleSpec(KeepRules.Matching, Pattern: "v.*")));
        Assert.IsType<KeepRecent>(Create(new KeepRuleSpec(KeepRules.Recent, PulledWithin: TimeSpan.FromDays(1))));
        var versions = Assert.IsType<KeepHighestVersions>(Create(new KeepRuleSpec(KeepRules.HighestVersions, Count: 2, PerMajor: true)));
        Assert.True(versions.PerMajor);
        Assert.False(KeepRules.TryCreate(new KeepRuleSpec(KeepRules.Recent, PushedWithin: TimeSpan.FromDays(-1)), out _, out _));
        Assert.False(KeepRules.TryCreate(new KeepRuleSpec(KeepRules.Matching, Pattern: "x", PerMajor: true), out _, out _));
    }

    private static IKeepRule Create(KeepRuleSpec spec) => KeepRules.TryCreate(spec, out IKeepRule? rule, out string? problem) ? rule : throw new InvalidOperationException(problem);
}
