namespace Registry.Tests.EndToEnd;

/// <summary>The tests that drive the real dotnet NuGet client against NuGet repositories.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NugetCollection
{
    public const string Name = "End-to-end: nuget";
}
