using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class PermissionsTests
{
    private const AccessAction PullPush = AccessAction.Pull | AccessAction.Push;
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RepositoryName TeamApp = RepositoryName.Parse("team/app");
    private static readonly RepositoryName TeamOther = RepositoryName.Parse("team/other");
    private static readonly RepositoryName OtherApp = RepositoryName.Parse("other/app");

    private static AccessScope Ns(string name) => AccessScope.Create(ScopeKind.Namespace, name);

    private static AccessScope Repo(string name) => AccessScope.Create(ScopeKind.Repository, name);

    private static RoleGrant Grant(AccessScope scope, Role role) => new("alice", scope, role, Now, "root");

    private static Permissions User(params RoleGrant[] grants) => Permissions.ForUser("alice", grants, []);

    private static CiTokenRecord Token(AccessAction actions, params string[] namespaces)
        => new("id", "deploy", "alice", [1], namespaces, actions, Now, Now.AddDays(1), null, null);

    [Theory]
    [InlineData(Role.Reader, AccessAction.Pull)]
    [InlineData(Role.Developer, AccessAction.Pull | AccessAction.Push)]
    [InlineData(Role.Maintainer, AccessAction.Pull | AccessAction.Push | AccessAction.Delete | AccessAction.Manage)]
    [InlineData(Role.Admin, AccessAction.All)]
    [InlineData((Role)0, AccessAction.None)]
    [InlineData((Role)9, AccessAction.None)]
    public void Role_Actions(Role role, AccessAction actions) => Assert.Equal(actions, role.Actions());

    [Fact]
    public void Roles_EachIncludesEverythingTheOnesBeforeItAllow()
    {
        Role[] ordered = [Role.Reader, Role.Developer, Role.Maintainer, Role.Admin];
        for (int i = 1; i < ordered.Length; i++)
        {
            Assert.Equal(ordered[i - 1].Actions(), ordered[i].Actions() & ordered[i - 1].Actions());
            Assert.NotEqual(ordered[i - 1].Actions(), ordered[i].Actions());
        }
    }

    [Theory]
    [InlineData(Role.Reader, "reader")]
    [InlineData(Role.Developer, "developer")]
    [InlineData(Role.Maintainer, "maintainer")]
    [InlineData(Role.Admin, "admin")]
    public void Role_Names_RoundTrip(Role role, string name)
    {
        Assert.Equal(name, role.ToName());
        Assert.True(Roles.TryParse(name, out Role? parsed));
        Assert.Equal(role, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Admin")]
    [InlineData("owner")]
    public void Role_UnknownName_IsRejected(string? name) => Assert.False(Roles.TryParse(name, out _));

    [Fact]
    public void Role_UnknownValue_HasNoName() => Assert.Throws<ArgumentOutOfRangeException>(() => ((Role)0).ToName());

    [Fact]
    public void NamespaceGrant_CoversItsRepositoriesOnly()
    {
        Permissions p = User(Grant(Ns("team"), Role.Developer));

        Assert.Equal(PullPush, p.On(TeamApp));
        Assert.Equal(PullPush, p.On(TeamOther));
        Assert.Equal(PullPush, p.On(RepositoryName.Parse("team")));
        Assert.Equal(AccessAction.None, p.On(OtherApp));
        Assert.Equal(AccessAction.None, p.On(RepositoryName.Parse("teams/app")));
    }

    [Fact]
    public void RepositoryGrant_CoversThatRepositoryOnly()
    {
        Permissions p = User(Grant(Repo("team/app"), Role.Maintainer));

        Assert.True(p.Allows(TeamApp, AccessAction.Delete | AccessAction.Manage));
        Assert.False(p.Allows(TeamApp, AccessAction.Administer));
        Assert.Equal(AccessAction.None, p.On(TeamOther));
        Assert.Equal(AccessAction.None, p.On(RepositoryName.Parse("team/app/sub")));
    }

    [Fact]
    public void Grants_OnOverlappingScopes_AddUp()
    {
        Permissions p = User(Grant(AccessScope.Global, Role.Reader), Grant(Ns("team"), Role.Developer), Grant(Repo("team/app"), Role.Maintainer));

        Assert.Equal(Role.Maintainer.Actions(), p.On(TeamApp));
        Assert.Equal(PullPush, p.On(TeamOther));
        Assert.Equal(AccessAction.Pull, p.On(OtherApp));
        Assert.False(p.IsGlobalAdmin);
        Assert.True(p.SeesEverything);
    }

    [Fact]
    public void Allows_NeedsEveryRequestedAction()
    {
        Permissions p = User(Grant(Ns("team"), Role.Reader));

        Assert.True(p.Allows(TeamApp, AccessAction.Pull));
        Assert.False(p.Allows(TeamApp, AccessAction.Pull | AccessAction.Push));
    }

    [Fact]
    public void GlobalAdmin_IsOnlyTheAdminRoleGrantedGlobally()
    {
        Assert.True(User(Grant(AccessScope.Global, Role.Admin)).IsGlobalAdmin);
        Assert.False(User(Grant(Ns("team"), Role.Admin)).IsGlobalAdmin);
        Assert.False(User(Grant(AccessScope.Global, Role.Maintainer)).IsGlobalAdmin);
        Assert.Equal(AccessAction.All, User(Grant(AccessScope.Global, Role.Admin)).On(OtherApp));
    }

    [Fact]
    public void PublicScopes_AllowPullOnly_ToEveryone()
    {
        Permissions anonymous = Permissions.Anonymous([Ns("pub"), Repo("team/app")]);
        Permissions user = Permissions.ForUser("bob", [Grant(Ns("team"), Role.Reader) with { Subject = "bob" }], [Ns("pub")]);

        Assert.Equal(AccessAction.Pull, anonymous.On(RepositoryName.Parse("pub/x")));
        Assert.Equal(AccessAction.Pull, anonymous.On(TeamApp));
        Assert.Equal(AccessAction.None, anonymous.On(TeamOther));
        Assert.False(anonymous.Allows(TeamApp, AccessAction.Push));
        Assert.Equal(AccessAction.Pull, user.On(RepositoryName.Parse("pub/x")));
        Assert.Equal(AccessAction.None, user.On(OtherApp));
    }

    [Fact]
    public void Anonymous_IsAnonymous_AndSeesEverythingOnlyWhenGlobalIsPublic()
    {
        Permissions anonymous = Permissions.Anonymous([]);

        Assert.True(anonymous.IsAnonymous);
        Assert.Equal(Permissions.AnonymousSubject, anonymous.Subject);
        Assert.False(anonymous.IsGlobalAdmin);
        Assert.False(anonymous.SeesEverything);
        Assert.True(Permissions.Anonymous([AccessScope.Global]).SeesEverything);
        Assert.False(Permissions.Anonymous([Ns("team")]).SeesEverything);
    }

    [Fact]
    public void UserNamedAnonymous_IsNotAnonymous()
    {
        Assert.False(Permissions.ForUser(Permissions.AnonymousSubject, [], []).IsAnonymous);
        Assert.False(User().IsAnonymous);
    }

    [Fact]
    public void SeesEverything_NeedsGlobalPull()
    {
        Assert.False(User(Grant(Ns("team"), Role.Admin)).SeesEverything);
        Assert.True(User(Grant(AccessScope.Global, Role.Reader)).SeesEverything);
    }

    [Fact]
    public void OnScope_CountsOnlyGrantsAtLeastAsWide()
    {
        Permissions p = User(Grant(Ns("team"), Role.Admin), Grant(Repo("other/app"), Role.Maintainer));
        Permissions withPublic = Permissions.ForUser("alice", [], [AccessScope.Global, Ns("team")]);

        Assert.Equal(AccessAction.All, p.OnScope(Ns("team")));
        Assert.Equal(AccessAction.All, p.OnScope(Repo("team/app")));
        Assert.Equal(AccessAction.None, p.OnScope(AccessScope.Global));
        Assert.Equal(AccessAction.None, p.OnScope(Ns("other")));
        Assert.Equal(Role.Maintainer.Actions(), p.OnScope(Repo("other/app")));
        Assert.Equal(AccessAction.None, p.OnScope(Repo("other/app2")));
        Assert.Equal(AccessAction.None, withPublic.OnScope(Ns("team")));
        Assert.Equal(AccessAction.All, User(Grant(AccessScope.Global, Role.Admin)).OnScope(Ns("anything")));
    }

    [Fact]
    public void CiToken_ActsInItsNamespaces_WithItsActions()
    {
        Permissions p = Permissions.ForCiToken(Token(PullPush, "team", "tools"), []);

        Assert.Equal(Permissions.TokenSubject("deploy"), p.Subject);
        Assert.Equal("token:deploy", p.Subject);
        Assert.Equal(PullPush, p.On(TeamApp));
        Assert.Equal(PullPush, p.On(RepositoryName.Parse("tools/x")));
        Assert.Equal(AccessAction.None, p.On(OtherApp));
        Assert.False(p.IsAnonymous);
        Assert.False(p.SeesEverything);
    }

    [Fact]
    public void CiToken_NeverGetsManageOrAdminister()
    {
        Permissions p = Permissions.ForCiToken(Token(AccessAction.All, CiTokenRecord.AllNamespaces), []);

        Assert.Equal(AccessAction.Pull | AccessAction.Push | AccessAction.Delete, p.On(OtherApp));
        Assert.False(p.IsGlobalAdmin);
        Assert.Equal(AccessAction.Pull | AccessAction.Push | AccessAction.Delete, p.OnScope(AccessScope.Global));
        Assert.True(p.SeesEverything);
    }

    [Fact]
    public void CiToken_IgnoresInvalidNamespaces_AndPullsPublicScopes()
    {
        Permissions p = Permissions.ForCiToken(Token(AccessAction.Push, "team/app", "a/../b", "Team", "", "**"), [Ns("pub")]);

        Assert.Equal(AccessAction.None, p.On(TeamApp));
        Assert.Equal(AccessAction.None, p.On(RepositoryName.Parse("a/b")));
        Assert.Equal(AccessAction.Pull, p.On(RepositoryName.Parse("pub/lib")));
        Assert.False(p.SeesEverything);
    }

    [Fact]
    public void CiToken_IsActiveUntilRevokedOrExpired()
    {
        CiTokenRecord token = Token(AccessAction.Pull, "team");

        Assert.True(token.IsActive(Now));
        Assert.False(token.IsActive(token.ExpiresAt));
        Assert.False((token with { RevokedAt = Now }).IsActive(Now));
    }
}
