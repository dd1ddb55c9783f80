using Registry.Core.Artifacts;
using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// What the console shows of a PyPI version: its dependencies (<c>Requires-Dist</c>, as twine sent them with the
/// upload, <see cref="PypiProperties.RequiresDist"/>) and its <c>Requires-Python</c> label; pip's and twine's
/// configuration for the repository; <c>pip install</c> of the version.
/// </summary>
internal sealed class PypiPackageFormat : IPackageFormat
{
    public ArtifactRepositoryType Type => ArtifactRepositoryType.Pypi;

    public ValueTask<PackageVersionDetails> DescribeAsync(ArtifactRepository repository, ArtifactVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        var dependencies = new List<string>();
        var labels = new List<string>();
        foreach (ArtifactFile file in version.Files)
        {
            foreach (ArtifactProperty property in file.Properties)
            {
                if (property.Name == PypiProperties.RequiresDist && !dependencies.Contains(property.Value))
                {
                    dependencies.Add(property.Value);
                }
                else if (property.Name == PypiProperties.RequiresPython && !labels.Contains("Requires-Python " + property.Value))
                {
                    labels.Add("Requires-Python " + property.Value);
                }
            }
        }

        return ValueTask.FromResult(new PackageVersionDetails(dependencies, labels));
    }

    public string ClientConfiguration(string baseUri, ArtifactRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return $"""
            # pip.conf (~/.config/pip/pip.conf), or pip install --index-url ...
            [global]
            index-url = {SimpleUrl(baseUri, repository)}

            # .pypirc (~/.pypirc), for twine upload -r {repository.Key}
            [distutils]
            index-servers = {repository.Key}

            [{repository.Key}]
            repository = {baseUri}/api/pypi/{repository.Key}
            username = __token__
            password = <CI token secret>
            """;
    }

    public string InstallCommand(string baseUri, ArtifactRepository repository, string package, string version)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return $"pip install --index-url {SimpleUrl(baseUri, repository)} {package}=={version}";
    }

    private static string SimpleUrl(string baseUri, ArtifactRepository repository) => $"{baseUri}/api/pypi/{repository.Key}/simple/";
}
