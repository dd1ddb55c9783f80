using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class AccessScopeTests
{
    private static RepositoryName R(string name) => RepositoryName.Parse(name);

    private static AccessScope Ns(string name) => AccessScope.Create(ScopeKind.Namespace, name);

    private static AccessScope Repo(string name) => AccessScope.Create(ScopeKind.Repository, name);

    [Theory]
    [InlineData(ScopeKind.Namespace, "team")]
    [InlineData(ScopeKind.Namespace, "a.b_c-d")]
    [InlineData(ScopeKind.Repository, "team")]
    [InlineData(ScopeKind.Repository, "team/app")]
    [InlineData(ScopeKind.Repository, "team/sub/app")]
    public void TryCreate_ValidName_Creates(ScopeKind kind, string name)
    {
        Assert.True(AccessScope.TryCreate(kind, name, out AccessScope? scope));
        Assert.Equal((kind, name), (scope.Value.Kind, scope.Value.Name));
    }

    [Theory]
    [InlineData(ScopeKind.Namespace, "a/../b")]
    [InlineData(ScopeKind.Repository, "a/../b")]
    [InlineData(ScopeKind.Namespace, "*")]
    [InlineData(ScopeKind.Repository, "*")]
    [InlineData(ScopeKind.Namespace, "A")]
    [InlineData(ScopeKind.Repository, "Team/app")]
    [InlineData(ScopeKind.Namespace, "a:b")]
    [InlineData(ScopeKind.Repository, "a/b:c")]
    [InlineData(ScopeKind.Namespace, "team/app")]
    [InlineData(ScopeKind.Namespace, "team/*")]
    [InlineData(ScopeKind.Namespace, "")]
    [InlineData(ScopeKind.Repository, "")]
    [InlineData(ScopeKind.Namespace, null)]
    [InlineData(ScopeKind.Repository, null)]
    [InlineData(ScopeKind.Repository, "a/")]
    [InlineData(ScopeKind.Repository, "a\0b")]
    [InlineData(ScopeKind.Global, "team")]
    [InlineData(ScopeKind.Global, "*")]
    [InlineData((ScopeKind)7, "team")]
    public void TryCreate_InvalidName_IsRejected(ScopeKind kind, string? name)
    {
        Assert.False(AccessScope.TryCreate(kind, name, out AccessScope? scope));
        Assert.Null(scope);
        Assert.Throws<FormatException>(() => AccessScope.Create(kind, name));
    }

    [Fact]
    public void TryCreate_NamespaceLongerThanARepositoryName_IsRejected()
        => Assert.False(AccessScope.TryCreate(ScopeKind.Namespace, new string('a', 256), out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryCreate_GlobalWithoutName_IsTheGlobalScope(string? name)
    {
        Assert.True(AccessScope.TryCreate(ScopeKind.Global, name, out AccessScope? scope));
        Assert.Equal(AccessScope.Global, scope);
        Assert.Equal(string.Empty, scope.Value.Name);
    }

    [Fact]
    public void ForRepository_IsARepositoryScope()
        => Assert.Equal(Repo("team/app"), AccessScope.ForRepository(R("team/app")));

    [Fact]
    public void Covers_GlobalCoversEverything()
    {
        Assert.True(AccessScope.Global.Covers(R("a")));
        Assert.True(AccessScope.Global.Covers(R("team/app/x")));
    }

    [Theory]
    [InlineData("team", true)]
    [InlineData("team/app", true)]
    [InlineData("team/app/sub", true)]
    [InlineData("teams/app", false)]
    [InlineData("tea/app", false)]
    [InlineData("other/team", false)]
    public void Covers_NamespaceCoversRepositoriesWhoseFirstComponentItIs(string repository, bool covered)
        => Assert.Equal(covered, Ns("team").Covers(R(repository)));

    [Theory]
    [InlineData("team/app", true)]
    [InlineData("team/app/sub", false)]
    [InlineData("team/apps", false)]
    [InlineData("team", false)]
    public void Covers_RepositoryCoversExactlyItself(string repository, bool covered)
        => Assert.Equal(covered, Repo("team/app").Covers(R(repository)));

    [Fact]
    public void IsWithin_EverythingIsWithinGlobal()
    {
        Assert.True(AccessScope.Global.IsWithin(AccessScope.Global));
        Assert.True(Ns("team").IsWithin(AccessScope.Global));
        Assert.True(Repo("team/app").IsWithin(AccessScope.Global));
    }

    [Fact]
    public void IsWithin_Namespace()
    {
        Assert.False(AccessScope.Global.IsWithin(Ns("team")));
        Assert.True(Ns("team").IsWithin(Ns("team")));
        Assert.False(Ns("other").IsWithin(Ns("team")));
        Assert.True(Repo("team/app").IsWithin(Ns("team")));
        Assert.True(Repo("team").IsWithin(Ns("team")));
        Assert.False(Repo("teams/app").IsWithin(Ns("team")));
        Assert.False(Repo("other/team").IsWithin(Ns("team")));
    }

    [Fact]
    public void IsWithin_Repository()
    {
        Assert.True(Repo("team/app").IsWithin(Repo("team/app")));
        Assert.False(Repo("team/app/sub").IsWithin(Repo("team/app")));
        Assert.False(Ns("team").IsWithin(Repo("team")));
        Assert.False(AccessScope.Global.IsWithin(Repo("team/app")));
    }

    [Fact]
    public void ToString_ShowsTheScopeAsTheApiWritesIt()
    {
        Assert.Equal("*", AccessScope.Global.ToString());
        Assert.Equal("team/*", Ns("team").ToString());
        Assert.Equal("team/app", Repo("team/app").ToString());
    }

    [Fact]
    public void Scopes_AreEqualByKindAndName()
    {
        Assert.Equal(Ns("team"), Ns("team"));
        Assert.NotEqual(Ns("team"), Repo("team"));
        Assert.NotEqual(Repo("team/a"), Repo("team/b"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("team/*")]
    [InlineData("team/app")]
    [InlineData("team/sub/app")]
    [InlineData("app")]
    public void TryParse_ReadsWhatToStringWrites(string text)
    {
        Assert.True(AccessScope.TryParse(text, out AccessScope? scope));
        Assert.Equal(text, scope.Value.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("team/sub/*")]
    [InlineData("Team/App")]
    [InlineData("team/*/app")]
    [InlineData("/*")]
    public void TryParse_RefusesWhatNoScopeWrites(string? text) => Assert.False(AccessScope.TryParse(text, out _));
}
