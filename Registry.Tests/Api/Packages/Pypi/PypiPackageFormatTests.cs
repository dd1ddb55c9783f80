using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Packages;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Packages.Pypi;

/// <summary>
/// The console's view of a PyPI version (<see cref="IPackageFormat"/>): dependencies and Requires-Python from what twine
/// sent with the upload, pip's and twine's configuration, the install command; and an sdist beside a wheel in one version.
/// </summary>
public sealed class PypiPackageFormatTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task Describe_ReadsTheDependenciesAndRequiresPythonOfTheVersionsFiles()
    {
        string key = await Admin.CreateArtifactRepositoryAsync("pypi");
        PypiWheel wheel = PypiWheel.Build("described", "1.0");
        var sdist = new PypiWheel("described", "1.0", "described-1.0.tar.gz", [0x1f, 0x8b, 8, 0, 1, 2, 3]);
        using MultipartFormDataContent wheelForm = wheel.UploadForm(repeated: [("requires_dist", "requests>=2"), ("requires_dist", "click; extra == \"cli\"")]);
        await OciAssert.SuccessAsync(await Admin.PostAsync($"/artifactory/api/pypi/{key}", wheelForm), HttpStatusCode.OK);
        using MultipartFormDataContent sdistForm = sdist.UploadForm(new Dictionary<string, string?> { ["filetype"] = "sdist", ["pyversion"] = "source", ["requires_dist"] = "requests>=2" });
        await OciAssert.SuccessAsync(await Admin.PostAsync($"/artifactory/api/pypi/{key}", sdistForm), HttpStatusCode.OK);
        IPackageFormat format = registry.Factory.Services.GetServices<IPackageFormat>().Single(f => f.Type == ArtifactRepositoryType.Pypi);
        IArtifactStore store = registry.Service<IArtifactStore>();
        ArtifactRepository repository = (await store.GetArtifactRepositoryAsync(key, CancellationToken.None))!;
        ArtifactVersion version = Assert.Single(ArtifactVersion.Group(ArtifactRepositoryType.Pypi, await store.ListFilesAsync(key, string.Empty, CancellationToken.None)));

        PackageVersionDetails details = await format.DescribeAsync(repository, version, CancellationToken.None);

        Assert.Equal(("described", "1.0", 2), (version.Artifact, version.Version, version.Files.Count));
        Assert.Equal(["click; extra == \"cli\"", "requests>=2"], details.Dependencies.Order(StringComparer.Ordinal));
        Assert.Equal(["Requires-Python >=3.8"], details.Labels);
        Assert.Equal($"pip install --index-url http://r.example/artifactory/api/pypi/{key}/simple/ described==1.0", format.InstallCommand("http://r.example/artifactory", repository, "described", "1.0"));
        string configuration = format.ClientConfiguration("http://r.example/artifactory", repository);
        Assert.Contains($"index-url = http://r.example/artifactory/api/pypi/{key}/simple/", configuration, StringComparison.Ordinal);
        Assert.Contains($"repository = http://r.example/artifactory/api/pypi/{key}\n", configuration, StringComparison.Ordinal);
        string page = await Admin.GetStringAsync($"/artifactory/api/pypi/{key}/simple/described/");
        Assert.Contains("packages/described/1.0/described-1.0.tar.gz#sha256=", page, StringComparison.Ordinal);
    }
}
