namespace Registry.Tests.Operations;

/// <summary>The Dockerfile cannot be built here (no base images); these keep its essentials from drifting.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryFiles.PathOf("Dockerfile"));

    [Fact]
    public void Dockerfile_BuildsWithTheSdkAndRunsOnTheAspNetRuntime()
    {
        Assert.Contains(Lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("COPY --from=build /app", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootOnPort5000WithADataVolumeAndAHealthCheck()
    {
        Assert.Contains("USER $APP_UID", Lines);
        Assert.Contains("EXPOSE 5000", Lines);
        Assert.Contains(Lines, l => l.StartsWith("VOLUME ", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains("ASPNETCORE_HTTP_PORTS=5000", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains("\"--healthcheck\"", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_CopiesEveryProjectTheApiReferences()
    {
        string[] projects = ["Registry.Core", "Registry.Storage", "Registry.Api"];
        foreach (string project in projects)
        {
            Assert.Contains($"COPY {project}/ {project}/", Lines);
            Assert.Contains(Lines, l => l.StartsWith($"COPY {project}/{project}.csproj", StringComparison.Ordinal));
        }

        string[] references = File.ReadAllLines(RepositoryFiles.PathOf("Registry.Api/Registry.Api.csproj"))
            .Concat(File.ReadAllLines(RepositoryFiles.PathOf("Registry.Storage/Registry.Storage.csproj")))
            .Where(l => l.Contains("<ProjectReference", StringComparison.Ordinal))
            .ToArray();
        Assert.All(references, reference => Assert.Contains(projects, p => reference.Contains(p + ".csproj", StringComparison.Ordinal)));
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndTestsOutOfTheContext()
    {
        string[] ignored = File.ReadAllLines(RepositoryFiles.PathOf(".dockerignore"));

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
    }
}
