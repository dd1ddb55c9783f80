namespace Registry.Core.Packages.Nuget;

/// <summary>What a feed needs of a package's <c>.nuspec</c>: identity, description, authors and dependencies.</summary>
/// <param name="Id">The id with the casing the package gave it.</param>
/// <param name="Version">The version (its normalized text names the package's folder).</param>
public sealed record Nuspec(
    string Id,
    NugetVersion Version,
    string Description,
    string Authors,
    IReadOnlyList<NugetDependencyGroup> DependencyGroups)
{
    /// <summary>The id in lower case, as feeds address it.</summary>
    public string LowerId => Id.ToLowerInvariant();
}

/// <summary>The dependencies of one target framework (an empty framework: any).</summary>
public sealed record NugetDependencyGroup(string TargetFramework, IReadOnlyList<NugetDependency> Dependencies);

/// <summary>One dependency: a package id and the versions it accepts.</summary>
public sealed record NugetDependency(string Id, NugetVersionRange Range);
