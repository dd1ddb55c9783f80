using System.Reflection;
using NetArchTest.Rules;

namespace Registry.Tests.Architecture;

/// <summary>
/// The feature folders of Registry.Api (its namespaces <c>Registry.Api.&lt;Folder&gt;</c>) should not depend on each
/// other both ways. The pairs that still do are listed here and may only shrink: a new two-way dependency fails,
/// and so does a listed pair that no longer is one (take it off the list).
/// </summary>
public sealed class FolderCycleTests
{
    /// <summary>The two-way folder dependencies left from before the feature folders; each to be removed, none to be added.</summary>
    private static readonly HashSet<string> KnownPairs = new(StringComparer.Ordinal)
    {
        "Artifacts<->Retention",
        "Catalog<->Management",
        "Catalog<->Oci",
        "Events<->Management",
        "Oci<->Operations",
    };

    [Fact]
    public void NoTwoFoldersOfTheApi_DependOnEachOtherBothWays_BeyondTheKnownPairs()
    {
        Assembly api = LayerTests.Api;
        string[] folders = [.. api.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("Registry.Api.", StringComparison.Ordinal))
            .Select(n => n!.Split('.')[2])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        Dictionary<string, HashSet<string>> uses = folders.ToDictionary(f => f, f => DependenciesOf(api, f, folders), StringComparer.Ordinal);

        List<string> pairs = [.. folders
            .SelectMany(a => folders.Where(b => string.CompareOrdinal(a, b) < 0 && uses[a].Contains(b) && uses[b].Contains(a)).Select(b => $"{a}<->{b}"))];

        Assert.True(pairs.All(KnownPairs.Contains), "New two-way folder dependencies: " + string.Join(", ", pairs.Where(p => !KnownPairs.Contains(p))));
        Assert.True(KnownPairs.All(pairs.Contains), "No longer two-way, take off KnownPairs: " + string.Join(", ", KnownPairs.Where(p => !pairs.Contains(p))));
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
