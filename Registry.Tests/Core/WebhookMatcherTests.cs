using Registry.Core.Events;

namespace Registry.Tests.Core;

/// <summary>Which events a webhook's filter lets through.</summary>
public sealed class WebhookMatcherTests
{
    private static WebhookMatcher Matcher(string[]? namespaces = null, string[]? repositories = null, string? pattern = null, string[]? actions = null)
        => new(new WebhookRecord("w", "w", "http://x.test/", "secret", new Dictionary<string, string>(),
            new WebhookFilter(namespaces ?? [], repositories ?? [], pattern, actions ?? []), true, "admin", default, default));

    [Theory]
    [InlineData("team/app", true)]
    [InlineData("team", true)]
    [InlineData("team/base/java", true)]
    [InlineData("teams/app", false)]
    [InlineData("other/team", false)]
    public void Namespace_MatchesItsFirstPathComponent(string repository, bool expected)
        => Assert.Equal(expected, Matcher(namespaces: ["team"]).Matches(repository, EventActions.Push));

    [Theory]
    [InlineData("base/java", true)]
    [InlineData("base/java/extra", true)]
    [InlineData("x/base/java", false)]
    [InlineData("base", false)]
    public void Pattern_MustMatchTheWholeName(string repository, bool expected)
        => Assert.Equal(expected, Matcher(pattern: "base/.+").Matches(repository, EventActions.Push));

    [Fact]
    public void Conditions_AreAlternatives_AndActionsNarrowThem()
    {
        WebhookMatcher matcher = Matcher(namespaces: ["team"], repositories: ["other/app"], pattern: "lib/.*", actions: [EventActions.Push, EventActions.Delete]);

        Assert.True(matcher.Matches("team/x", EventActions.Push));
        Assert.True(matcher.Matches("other/app", EventActions.Delete));
        Assert.True(matcher.Matches("lib/z", EventActions.Push));
        Assert.False(matcher.Matches("other/app2", EventActions.Push));
        Assert.False(matcher.Matches("team/x", EventActions.Pull));
    }

    [Fact]
    public void EmptyFilter_MatchesEverything_ButNeverPing()
    {
        WebhookMatcher matcher = Matcher();

        foreach (string action in EventActions.Subscribable)
        {
            Assert.True(matcher.Matches("any/thing", action));
        }

        Assert.False(matcher.Matches("any/thing", EventActions.Ping));
    }

    [Fact]
    public void TryCompile_RefusesBrokenPatterns_AndUsesALinearTimeEngine()
    {
        Assert.False(WebhookMatcher.TryCompile("(unclosed", out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.True(WebhookMatcher.TryCompile("(a+)+b", out System.Text.RegularExpressions.Regex? regex, out _));

        // A pattern that makes a backtracking engine take exponential time answers at once.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.DoesNotMatch(regex, new string('a', 5000) + "c");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }
}
