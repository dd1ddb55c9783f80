using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Tests.Core.Tags;

public sealed class TagProtectionTests
{
    private static readonly RepositoryName App = RepositoryName.Parse("team/app");
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TagProtectionRule Rule(long id, string pattern, TagProtectionKind kind, ScopeKind scope = ScopeKind.Namespace, string name = "team")
        => new(id, AccessScope.Create(scope, name), pattern, kind, "alice", At);

    [Theory]
    [InlineData(@"1\.0", "1.0", true)]
    [InlineData(@"1\.0", "1.0.1", false)]
    [InlineData(@"1\.0", "x1.0", false)]
    [InlineData(@"1\.0.*", "1.0.1", true)]
    [InlineData(@"\d+\.\d+\.\d+", "17.0.12", true)]
    [InlineData(@"\d+\.\d+\.\d+", "17.0", false)]
    [InlineData("release|stable", "stable", true)]
    [InlineData("release|stable", "release-candidate", false)]
    [InlineData("Latest", "latest", false)]
    [InlineData("(?i)Latest", "latest", true)]
    public void Pattern_MatchesTheWholeTag(string pattern, string tag, bool matches)
    {
        Assert.Null(TagPattern.Validate(pattern));
        Assert.Equal(matches, TagPattern.IsMatch(pattern, tag));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("(")]
    [InlineData("[a-")]
    [InlineData(@"(a)\1")]
    [InlineData("(?=a)a")]
    [InlineData("a\u0000")]
    public void Pattern_Unusable_IsRefusedWithAReason(string? pattern)
    {
        Assert.NotNull(TagPattern.Validate(pattern));
    }

    [Fact]
    public void Pattern_LongerThanTheLimit_IsRefused()
    {
        Assert.NotNull(TagPattern.Validate(new string('a', TagPattern.MaxLength + 1)));
    }

    [Fact]
    public void CheckMove_ImmutableTag_RefusesMovingButAllowsCreatingAndRepointingToTheSameDigest()
    {
        TagProtectionRule rule = Rule(3, @"\d+\.\d+\.\d+", TagProtectionKind.Immutable);

        TagProtectionViolation? refused = TagProtection.CheckMove([rule], App, "1.0.0", "sha256:old", "sha256:new", TagChangeKind.Moved);

        Assert.Equal(rule, refused!.Rule);
        Assert.Contains(@"rule 3 (immutable: tags matching '\d+\.\d+\.\d+' in team/*)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'team/app:1.0.0'", refused.Message, StringComparison.Ordinal);
        Assert.Null(TagProtection.CheckMove([rule], App, "1.0.0", null, "sha256:new", TagChangeKind.Created));
        Assert.Null(TagProtection.CheckMove([rule], App, "1.0.0", "sha256:same", "sha256:same", TagChangeKind.Moved));
        Assert.Null(TagProtection.CheckMove([rule], App, "latest", "sha256:old", "sha256:new", TagChangeKind.Moved));
    }

    [Fact]
    public void CheckMove_ProtectedFromDeletion_AllowsMoving()
    {
        Assert.Null(TagProtection.CheckMove([Rule(1, ".*", TagProtectionKind.ProtectedFromDeletion)], App, "1.0", "sha256:a", "sha256:b", TagChangeKind.Moved));
    }

    [Fact]
    public void CheckDelete_EitherKind_Refuses_NamingTheOldestRule()
    {
        TagProtectionRule[] rules = [Rule(2, "1.*", TagProtectionKind.ProtectedFromDeletion), Rule(5, ".*", TagProtectionKind.Immutable)];

        Assert.Equal(2, TagProtection.CheckDelete(rules, App, "1.0")!.Rule.Id);
        Assert.Equal(5, TagProtection.CheckDelete(rules, App, "latest")!.Rule.Id);
        Assert.Contains("protected from deletion by rule 2", TagProtection.CheckDelete(rules, App, "1.0")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_ApplyOnlyWithinTheirScope()
    {
        TagProtectionRule other = Rule(1, ".*", TagProtectionKind.Immutable, ScopeKind.Repository, "team/other");
        TagProtectionRule otherNamespace = Rule(2, ".*", TagProtectionKind.Immutable, ScopeKind.Namespace, "tea");

        Assert.Null(TagProtection.CheckDelete([other, otherNamespace], App, "1.0"));
        Assert.NotNull(TagProtection.CheckDelete([Rule(3, ".*", TagProtectionKind.Immutable, ScopeKind.Repository, "team/app")], App, "1.0"));
    }
}
