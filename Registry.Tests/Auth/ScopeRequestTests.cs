using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Tests.Auth;

public sealed class ScopeRequestTests
{
    [Fact]
    public void Parse_RepositoryScope_SplitsTypeNameAndActions()
    {
        ScopeRequest scope = ScopeRequest.Parse("repository:team/app:pull,push")!;

        Assert.Equal("repository", scope.Type);
        Assert.Equal("team/app", scope.Name);
        Assert.Equal(["pull", "push"], scope.Actions);
    }

    [Fact]
    public void Parse_NameWithPort_KeepsTheColonInTheName()
    {
        ScopeRequest scope = ScopeRequest.Parse("repository:localhost:5000/app:pull")!;

        Assert.Equal("localhost:5000/app", scope.Name);
        Assert.Equal(["pull"], scope.Actions);
    }

    [Fact]
    public void Parse_ResourceClass_IsDropped()
    {
        Assert.Equal("repository", ScopeRequest.Parse("repository(plugin):team/app:pull")!.Type);
    }

    [Theory]
    [InlineData("repository")]
    [InlineData("repository:team/app")]
    [InlineData(":team/app:pull")]
    [InlineData("repository::pull")]
    public void Parse_Malformed_ReturnsNull(string text) => Assert.Null(ScopeRequest.Parse(text));

    [Fact]
    public void ParseAll_SplitsSpaceSeparatedScopesInEveryParameter()
    {
        List<ScopeRequest> scopes = ScopeRequest.ParseAll(["repository:a:pull repository:b:push", null, "registry:catalog:*", "junk"]);

        Assert.Equal(["a", "b", "catalog"], scopes.Select(s => s.Name));
    }

    [Fact]
    public void ActionOf_Star_MeansPullPushDelete()
        => Assert.Equal(AccessAction.Pull | AccessAction.Push | AccessAction.Delete, ScopeRequest.ActionOf("*"));

    [Fact]
    public void NamesOf_ListsActionsInCanonicalOrder()
        => Assert.Equal(["pull", "push", "delete"], ScopeRequest.NamesOf(AccessAction.Delete | AccessAction.Pull | AccessAction.Push | AccessAction.Manage));
}
