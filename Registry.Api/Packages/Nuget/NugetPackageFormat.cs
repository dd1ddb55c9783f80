using System.Security;
using System.Xml;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;
using Registry.Core.Storage;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// NuGet for the console: a version's dependencies (<c>Id range</c>, with the target framework when the nuspec groups
/// them) and its <c>prerelease</c> label, read from the version's <c>.nuspec</c>; a <c>nuget.config</c> for the feed;
/// <c>dotnet add package</c>.
/// </summary>
internal sealed class NugetPackageFormat(IBlobStore blobs) : IPackageFormat
{
    public ArtifactRepositoryType Type => ArtifactRepositoryType.Nuget;

    public async ValueTask<PackageVersionDetails> DescribeAsync(ArtifactRepository repository, ArtifactVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        List<string> labels = NugetVersion.TryParse(version.Version, out NugetVersion? parsed) && parsed.IsPrerelease ? ["prerelease"] : [];
        ArtifactFile? file = version.Files.FirstOrDefault(f => f.Name.EndsWith(".nuspec", StringComparison.Ordinal));
        if (file is null || file.Content.Size > NuspecReader.MaxBytes)
        {
            return new PackageVersionDetails([], labels);
        }

        await using Stream? stream = await blobs.OpenReadAsync(file.Content.Digest, ct);
        if (stream is null)
        {
            return new PackageVersionDetails([], labels);
        }

        var bytes = new MemoryStream((int)file.Content.Size);
        await stream.CopyToAsync(bytes, ct);
        if (NuspecReader.Read(bytes.ToArray()).Nuspec is not { } nuspec)
        {
            return new PackageVersionDetails([], labels);
        }

        var dependencies = new List<string>();
        foreach (NugetDependencyGroup group in nuspec.DependencyGroups)
        {
            foreach (NugetDependency dependency in group.Dependencies)
            {
                dependencies.Add(group.TargetFramework.Length > 0
                    ? $"{dependency.Id} {dependency.Range.Normalized} ({group.TargetFramework})"
                    : $"{dependency.Id} {dependency.Range.Normalized}");
            }
        }

        return new PackageVersionDetails(dependencies, labels);
    }

    public string ClientConfiguration(string baseUri, ArtifactRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        string source = NugetUrls.For(baseUri, repository.Key).ServiceIndex;
        string insecure = source.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? " allowInsecureConnections=\"true\"" : string.Empty;
        string element = XmlConvert.EncodeLocalName(repository.Key);
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="{SecurityElement.Escape(repository.Key)}" value="{SecurityElement.Escape(source)}" protocolVersion="3"{insecure} />
              </packageSources>
              <packageSourceCredentials>
                <{element}>
                  <add key="Username" value="YOUR_USER" />
                  <add key="ClearTextPassword" value="YOUR_PASSWORD_OR_CI_TOKEN" />
                </{element}>
              </packageSourceCredentials>
            </configuration>
            """;
    }

    public string InstallCommand(string baseUri, ArtifactRepository repository, string package, string version)
        => $"dotnet add package {package} --version {version}";
}
