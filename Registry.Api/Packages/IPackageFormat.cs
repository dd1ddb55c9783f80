using Registry.Core.Artifacts;

namespace Registry.Api.Packages;

/// <summary>
/// What the web console shows of one package format (npm, PyPI, NuGet) beyond the files: per version, its
/// dependencies and labels (npm dist-tags, a deprecation, PyPI's Requires-Python), and the commands that install
/// it and configure the client. The versions themselves are the repository's version folders
/// (<see cref="ArtifactVersion.Group"/>), so the console lists every format the same way.
/// </summary>
internal interface IPackageFormat
{
    ArtifactRepositoryType Type { get; }

    /// <summary>The dependencies (<c>name range</c> each) and labels of one version, read from its files.</summary>
    ValueTask<PackageVersionDetails> DescribeAsync(ArtifactRepository repository, ArtifactVersion version, CancellationToken ct);

    /// <summary>The client configuration for the repository, <paramref name="baseUri"/> being <c>scheme://host/artifactory</c>.</summary>
    string ClientConfiguration(string baseUri, ArtifactRepository repository);

    /// <summary>The command that installs the version.</summary>
    string InstallCommand(string baseUri, ArtifactRepository repository, string package, string version);
}

/// <summary>One version's dependencies (<c>name range</c>) and labels, for the console.</summary>
internal sealed record PackageVersionDetails(IReadOnlyList<string> Dependencies, IReadOnlyList<string> Labels)
{
    public static PackageVersionDetails None { get; } = new([], []);
}
