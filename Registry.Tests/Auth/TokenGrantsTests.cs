using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Tests.Auth;

public sealed class TokenGrantsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private static Permissions Developer(string ns, params AccessScope[] publicScopes)
        => Permissions.ForUser("alice", [new RoleGrant("alice", AccessScope.Create(ScopeKind.Namespace, ns), Role.Developer, Now, "admin")], publicScopes);

    private static List<GrantedAccess> Grant(Caller caller, Permissions permissions, params string[] scopes)
        => TokenGrants.Grant(caller, permissions, ScopeRequest.ParseAll(scopes));

    [Fact]
    public void Grant_GivesOnlyTheRequestedActionsTheCallerMayHave()
    {
        List<GrantedAccess> access = Grant(Caller.ForUser("alice"), Developer("team"), "repository:team/app:pull,push,delete");

        GrantedAccess entry = Assert.Single(access);
        Assert.Equal(("repository", "team/app"), (entry.Type, entry.Name));
        Assert.Equal(["pull", "push"], entry.Actions);
    }

    [Fact]
    public void Grant_ForAnotherNamespace_GrantsNothing()
        => Assert.Empty(Grant(Caller.ForUser("alice"), Developer("team"), "repository:other/app:pull"));

    [Theory]
    [InlineData("repository:team/../other/app:push")]
    [InlineData("repository:team/app:push:extra")]
    [InlineData("repository:*:pull")]
    [InlineData("repository:team/*:pull")]
    [InlineData("repository:TEAM/app:pull")]
    [InlineData("repository:team/app:admin")]
    [InlineData("repo:team/app:pull")]
    [InlineData("registry:catalog:pull")]
    public void Grant_TrickScopes_GrantNothing(string scope)
        => Assert.Empty(Grant(Caller.ForUser("alice"), Developer("team"), scope));

    [Fact]
    public void Grant_Star_ExpandsToWhatTheCallerMayDo()
    {
        GrantedAccess entry = Assert.Single(Grant(Caller.ForUser("alice"), Developer("team"), "repository:team/app:*"));
        Assert.Equal(["pull", "push"], entry.Actions);
    }

    [Fact]
    public void Grant_SameRepositoryTwice_MergesActions()
    {
        GrantedAccess entry = Assert.Single(Grant(Caller.ForUser("alice"), Developer("team"), "repository:team/app:pull", "repository:team/app:push"));
        Assert.Equal(["pull", "push"], entry.Actions);
    }

    [Fact]
    public void Grant_Anonymous_GetsPullOnPublicScopesOnly_AndNoCatalog()
    {
        Permissions anonymous = Permissions.Anonymous([AccessScope.Create(ScopeKind.Namespace, "pub")]);

        List<GrantedAccess> access = Grant(Caller.Anonymous, anonymous, "repository:pub/app:pull,push", "repository:team/app:pull", "registry:catalog:*");

        GrantedAccess entry = Assert.Single(access);
        Assert.Equal("pub/app", entry.Name);
        Assert.Equal(["pull"], entry.Actions);
    }

    [Fact]
    public void Grant_SignedInCaller_GetsTheCatalog()
    {
        GrantedAccess entry = Assert.Single(Grant(Caller.ForUser("alice"), Developer("team"), "registry:catalog:*"));
        Assert.Equal(("registry", "catalog"), (entry.Type, entry.Name));
    }
}
