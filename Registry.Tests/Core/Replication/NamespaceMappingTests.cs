using Registry.Core.Primitives;
using Registry.Core.Replication;

namespace Registry.Tests.Core.Replication;

public sealed class NamespaceMappingTests
{
    [Theory]
    [InlineData("none", null, null, "team/tools/app", "team/tools/app")]
    [InlineData("prefix", "team", "dr/team", "team/tools/app", "dr/team/tools/app")]
    [InlineData("prefix", "team", "dr", "team", "dr")]
    [InlineData("prefix", "team", "dr", "teams/app", "teams/app")]
    [InlineData("prefix", "team", "", "team/app", "app")]
    [InlineData("prefix", "", "mirror", "team/app", "mirror/team/app")]
    [InlineData("flatten", null, null, "team/tools/app", "app")]
    [InlineData("flatten", null, "dr/", "team/tools/app", "dr/app")]
    public void Map_GivesTheDestinationName(string mode, string? from, string? to, string source, string expected)
    {
        (NamespaceMapping? mapping, string? error) = NamespaceMapping.Create(mode, from, to);

        Assert.Null(error);
        Assert.Equal(expected, mapping!.Map(RepositoryName.Parse(source))?.Value);
    }
}
