using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// The console's view of npm: a version's dependencies from its <c>package.json</c> (<c>dependencies</c>), its labels
/// (the dist-tags pointing at it, <c>deprecated: ...</c>), the <c>.npmrc</c> lines and the install command.
/// </summary>
internal sealed class NpmPackageFormat(ArtifactServices services) : IPackageFormat
{
    public ArtifactRepositoryType Type => ArtifactRepositoryType.Npm;

    public async ValueTask<PackageVersionDetails> DescribeAsync(ArtifactRepository repository, ArtifactVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(version);
        if (NpmPackageName.TryParse(version.Artifact, strict: false, out _) is not { } name
            || version.Files.FirstOrDefault(f => f.Name == NpmPaths.ManifestName) is not { } manifestFile)
        {
            return PackageVersionDetails.None;
        }

        var dependencies = new List<string>();
        if (await NpmBlobText.ReadAsync(services, manifestFile, NpmLimits.MaxManifestBytes, ct) is { } bytes
            && JsonNode.Parse(bytes) is JsonObject manifest && manifest["dependencies"] is JsonObject declared)
        {
            foreach ((string dependency, JsonNode? range) in declared)
            {
                dependencies.Add($"{dependency} {(range is JsonValue value && value.TryGetValue(out string? text) ? text : "*")}");
            }
        }

        var labels = new List<string>();
        if (repository.Class == RepositoryClass.Local)
        {
            foreach ((string tag, string tagged) in await NpmPackageReader.ReadDistTagsAsync(services, repository, name, ct))
            {
                if (tagged == version.Version)
                {
                    labels.Add(tag);
                }
            }
        }

        if (manifestFile.Properties.FirstOrDefault(p => p.Name == NpmPaths.DeprecatedProperty).Value is { Length: > 0 } deprecated)
        {
            labels.Add($"deprecated: {deprecated}");
        }

        return new PackageVersionDetails(dependencies, labels);
    }

    public string ClientConfiguration(string baseUri, ArtifactRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        string registry = Registry(baseUri, repository);
        string nerfed = registry[registry.IndexOf("//", StringComparison.Ordinal)..];
        return $"registry={registry}\n{nerfed}:_authToken=<CI token secret>\n";
    }

    public string InstallCommand(string baseUri, ArtifactRepository repository, string package, string version)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return $"npm install {package}@{version} --registry {Registry(baseUri, repository)}";
    }

    private static string Registry(string baseUri, ArtifactRepository repository) => $"{baseUri.TrimEnd('/')}/api/npm/{repository.Key}/";
}
