using System.Text.Json.Nodes;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// One version of a package as a packument shows it: its manifest (as published, or as the upstream sent it), when it
/// was published, its deprecation message, and for a remote's version the upstream's tarball URL.
/// </summary>
public sealed record NpmVersionEntry(string Version, JsonObject Manifest, DateTimeOffset? Published, string? Deprecated, Uri? UpstreamTarball)
{
    /// <summary>The manifest's <c>dist.shasum</c>, if it is a well-formed SHA-1.</summary>
    public string? Shasum => Manifest["dist"] is JsonObject dist && dist["shasum"] is JsonValue value
        && value.TryGetValue(out string? shasum) && Artifacts.ArtifactChecksums.IsWellFormed(Artifacts.ChecksumKind.Sha1, shasum)
            ? shasum.ToLowerInvariant()
            : null;
}
