namespace Registry.Core.Packages.Npm;

/// <summary>
/// One version as <c>npm publish</c> sent it, every check passed (<see cref="NpmPublishReader"/>): the version
/// manifest to keep as <c>package.json</c>, the tarball's bytes, and the dist-tags to point at the version.
/// </summary>
public sealed record NpmPublish(NpmPackageName Name, string Version, byte[] Manifest, ReadOnlyMemory<byte> Tarball, IReadOnlyList<string> Tags);
