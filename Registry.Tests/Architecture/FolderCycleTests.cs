using System.Reflection;
using NetArchTest.Rules;

namespace Registry.Tests.Architecture;

/// <summary>
/// The feature folders of Registry.Api (its namespaces <c>Registry.Api.&lt;Folder&gt;</c>) depend on each other one way
/// only. Hosting and Commands are the composition root: they may use every area, and no area uses them. Http and
/// Settings hold what every area shares (the OCI error body, JSON bodies, input problems; settings registration)
/// and use no other folder.
/// </summary>
public sealed class FolderCycleTests
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Uses = new(ComputeUses);

    [Fact]
    public void NoTwoFoldersOfTheApi_DependOnEachOtherBothWays()
    {
        Dictionary<string, HashSet<string>> uses = Uses.Value;
        List<string> pairs = [.. uses.Keys
            .SelectMany(a => uses.Keys.Where(b => string.CompareOrdinal(a, b) < 0 && uses[a].Contains(b) && uses[b].Contains(a)).Select(b => $"{a}<->{b}"))];

        Assert.True(pairs.Count == 0, "Two-way folder dependencies: " + string.Join(", ", pairs));
    }

    [Fact]
    public void OnlyTheCommands_UseHosting()
    {
        Dictionary<string, HashSet<string>> uses = Uses.Value;
        List<string> users = [.. uses.Keys.Where(f => f is not "Commands" && uses[f].Contains("Hosting"))];

        Assert.True(users.Count == 0, "Folders that use Hosting (the composition root): " + string.Join(", ", users));
    }

    [Theory]
    [InlineData("Http")]
    [InlineData("Settings")]
    public void TheSharedFolders_UseNoOtherFolder(string shared)
    {
        Assert.True(Uses.Value.ContainsKey(shared), $"Registry.Api.{shared} has no types");
        Assert.True(Uses.Value[shared].Count == 0, $"{shared} uses " + string.Join(", ", Uses.Value[shared]));
    }

    private static Dictionary<string, HashSet<string>> ComputeUses()
    {
        Assembly api = LayerTests.Api;
        string[] folders = [.. api.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("Registry.Api.", StringComparison.Ordinal))
            .Select(n => n!.Split('.')[2])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        return folders.ToDictionary(f => f, f => DependenciesOf(api, f, folders), StringComparer.Ordinal);
    }

    private static HashSet<string> DependenciesOf(Assembly api, string folder, string[] folders)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (string other in folders.Where(f => f != folder))
        {
            TestResult result = Types.InAssembly(api).That().ResideInNamespace($"Registry.Api.{folder}")
                .ShouldNot().HaveDependencyOn($"Registry.Api.{other}").GetResult();
            if (!result.IsSuccessful)
            {
                found.Add(other);
            }
        }

        return found;
    }
}
