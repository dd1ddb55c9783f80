namespace Registry.Core.Packages.Npm;

/// <summary>The limits of the npm API (docs/packages.md, section npm).</summary>
public static class NpmLimits
{
    /// <summary>npm's own limit on a package name, scope included.</summary>
    public const int MaxNameLength = 214;

    /// <summary>The longest version string accepted (semver sets none; npm's registry refuses absurd ones too).</summary>
    public const int MaxVersionLength = 256;

    /// <summary>
    /// The largest publish request (<c>PUT /{name}</c>: JSON with the base64 tarball, about 4/3 of the tarball), spooled
    /// to a temporary file and decoded from there into the blob store (never held in memory): a tarball of up to about
    /// 768 MiB fits. The document without its tarball is held, up to <see cref="MaxDocumentBytes"/>.
    /// </summary>
    public const long MaxPublishBytes = 1L << 30;

    /// <summary>The largest version manifest (<c>package.json</c> of a version, in the publish and in the tarball).</summary>
    public const int MaxManifestBytes = 1 << 20;

    /// <summary>
    /// The largest metadata document other than a publish: a packument sent back by <c>npm deprecate</c> and
    /// <c>npm unpublish</c>, a dist-tag, and an upstream's packument a remote reads.
    /// </summary>
    public const int MaxDocumentBytes = 32 << 20;

    /// <summary>How far a tarball is unpacked while looking for its <c>package.json</c> (bytes and tar entries).</summary>
    public const long MaxUnpackedBytes = 1L << 30;

    public const int MaxTarEntries = 100_000;

    /// <summary>The longest deprecation message kept.</summary>
    public const int MaxDeprecationLength = 1024;

    /// <summary>The longest dist-tag name.</summary>
    public const int MaxTagLength = 128;
}
