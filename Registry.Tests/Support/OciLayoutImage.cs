namespace Registry.Tests.Support;

/// <summary>One platform's image manifest inside an <see cref="OciLayout"/>.</summary>
/// <param name="Files">Every regular file in the image's layers: path (no leading slash) to content.</param>
internal sealed record OciLayoutImage(
    string Architecture,
    string? Variant,
    string ManifestDigest,
    long ManifestSize,
    string ConfigDigest,
    byte[] Config,
    IReadOnlyList<string> LayerDigests,
    IReadOnlyDictionary<string, byte[]> Files);
