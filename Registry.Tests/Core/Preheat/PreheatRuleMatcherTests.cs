using Registry.Core.Preheat;

namespace Registry.Tests.Core.Preheat;

public sealed class PreheatRuleMatcherTests
{
    [Theory]
    [InlineData("team/*", "v[0-9]+", "team/app", "v12", true)]
    [InlineData("team/*", "v[0-9]+", "team/app/sub", "v12", false)]
    [InlineData("team/**", "v[0-9]+", "team/app/sub", "v12", true)]
    [InlineData("team/*", "v[0-9]+", "team/app", "v12-rc", false)]
    [InlineData("team/app", ".*", "team/app", "anything", true)]
    [InlineData("team/app", ".*", "team/apps", "anything", false)]
    [InlineData("team.x/a?p", "1\\.0", "team.x/app", "1.0", true)]
    [InlineData("team.x/a?p", "1\\.0", "teamyx/app", "1.0", false)]
    public void Matches_TheRepositoryGlobAndTheWholeTag(string repository, string tag, string pushed, string pushedTag, bool expected)
    {
        Assert.True(PreheatRuleMatcher.TryCreate(new PreheatRule("r", repository, tag, [], DateTimeOffset.UnixEpoch, "admin"), out PreheatRuleMatcher? matcher, out _));
        Assert.Equal(expected, matcher.Matches(pushed, pushedTag));
    }

    [Theory]
    [InlineData("", "v.*", "repository")]
    [InlineData("team/ app", "v.*", "repository")]
    [InlineData("team/*", "", "tag")]
    [InlineData("team/*", "v[", "tag")]
    public void BadPatterns_AreRefused_NamingTheField(string repository, string tag, string field)
    {
        Assert.False(PreheatRuleMatcher.TryCreate(new PreheatRule("r", repository, tag, [], DateTimeOffset.UnixEpoch, "admin"), out _, out (string Field, string Message)? error));
        Assert.Equal(field, error!.Value.Field);
    }
}
