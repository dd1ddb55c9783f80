using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Packages;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Nuget;

/// <summary>What the console shows of a NuGet version (dependencies and labels from its nuspec) and how it tells clients to use the feed.</summary>
public sealed class NugetPackageFormatTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private IPackageFormat Format => Assert.Single(registry.Factory.Services.GetServices<IPackageFormat>(), f => f.Type == ArtifactRepositoryType.Nuget);

    [Fact]
    public async Task Describe_ReadsTheDependenciesByFramework_AndLabelsPrereleases()
    {
        string key = await registry.Admin.CreateArtifactRepositoryAsync("nuget");
        await registry.Admin.PushOkAsync(key, NugetPackageBuilder.Package("Acme.Deps", "2.0.0-rc.1",
            """<group targetFramework="net10.0"><dependency id="Acme.Core" version="[1.0,2.0)" /><dependency id="Acme.Log" /></group>"""));
        await registry.Admin.PushOkAsync(key, NugetPackageBuilder.Package("Acme.Deps", "1.0.0", """<dependency id="Acme.Core" version="1.0" />"""));
        IArtifactStore store = registry.Service<IArtifactStore>();
        ArtifactRepository repository = (await store.GetArtifactRepositoryAsync(key, CancellationToken.None))!;
        IReadOnlyList<ArtifactVersion> versions = ArtifactVersion.Group(ArtifactRepositoryType.Nuget, await store.ListFilesAsync(key, string.Empty, CancellationToken.None));

        PackageVersionDetails rc = await Format.DescribeAsync(repository, Assert.Single(versions, v => v.Version == "2.0.0-rc.1"), CancellationToken.None);
        PackageVersionDetails release = await Format.DescribeAsync(repository, Assert.Single(versions, v => v.Version == "1.0.0"), CancellationToken.None);

        Assert.Equal(["Acme.Core [1.0.0, 2.0.0) (net10.0)", "Acme.Log (, ) (net10.0)"], rc.Dependencies);
        Assert.Equal(["prerelease"], rc.Labels);
        Assert.Equal(["Acme.Core [1.0.0, )"], release.Dependencies);
        Assert.Empty(release.Labels);
    }

    [Fact]
    public void ClientConfiguration_IsANugetConfigForTheFeed_AllowingHttpOnlyForHttp_AndTheInstallCommandIsDotnetAddPackage()
    {
        var repository = new ArtifactRepository("nuget-team", ArtifactRepositoryType.Nuget, false, null, DateTimeOffset.UnixEpoch, "admin");

        string http = Format.ClientConfiguration("http://registry.example:5000/artifactory", repository);
        string https = Format.ClientConfiguration("https://registry.example/artifactory", repository);

        var config = System.Xml.Linq.XDocument.Parse(http);
        System.Xml.Linq.XElement source = config.Root!.Element("packageSources")!.Element("add")!;
        Assert.Equal(("nuget-team", "http://registry.example:5000/artifactory/api/nuget/v3/nuget-team/index.json", "true"),
            ((string?)source.Attribute("key"), (string?)source.Attribute("value"), (string?)source.Attribute("allowInsecureConnections")));
        Assert.NotNull(config.Root.Element("packageSourceCredentials")!.Element("nuget-team"));
        Assert.DoesNotContain("allowInsecureConnections", https, StringComparison.Ordinal);
        Assert.Equal("dotnet add package Acme.Lib --version 1.2.3", Format.InstallCommand("http://registry.example/artifactory", repository, "Acme.Lib", "1.2.3"));
    }
}
