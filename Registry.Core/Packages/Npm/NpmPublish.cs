namespace Registry.Core.Packages.Npm;

/// <summary>
/// One version as <c>npm publish</c> sent it, the document's checks passed (<see cref="NpmPublishReader"/>): the version
/// manifest to keep as <c>package.json</c>, where the tarball's base64 text lies in the spooled body (decoded and checked
/// against <see cref="Integrity"/>, <see cref="Shasum"/> and the declared length while it is stored), and the dist-tags
/// to point at the version.
/// </summary>
public sealed record NpmPublish(
    NpmPackageName Name,
    string Version,
    byte[] Manifest,
    string AttachmentName,
    NpmAttachmentText Tarball,
    string? DeclaredLength,
    string? Integrity,
    string? Shasum,
    IReadOnlyList<string> Tags);
