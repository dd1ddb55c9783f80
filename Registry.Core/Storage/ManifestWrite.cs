using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// A validated manifest to record, with everything it needs present in its repository, unless it is
/// <see cref="FromUpstream"/>.
/// </summary>
public sealed record ManifestWrite(
    Digest Digest,
    string MediaType,
    long Size,
    string? ArtifactType,
    Digest? Subject,
    string? AnnotationsJson,
    IReadOnlyList<ManifestDependency> Dependencies)
{
    /// <summary>Who pushes it (user, <c>token:&lt;name&gt;</c>, <c>anonymous</c>), recorded in tag history; null when unknown.</summary>
    public string? Actor { get; init; }

    /// <summary>
    /// Content a remote repository cached from its upstream: its references are recorded without requiring the
    /// blobs and child manifests present (a pull for one platform fetches only that platform's manifest and layers;
    /// the rest is fetched when asked for).
    /// </summary>
    public bool FromUpstream { get; init; }

    public static ManifestWrite From(Digest digest, long size, ParsedManifest manifest)
        => new(digest, manifest.MediaType, size, manifest.EffectiveArtifactType, manifest.Subject?.Digest,
            manifest.AnnotationsJson, manifest.Dependencies().Distinct().ToArray());
}
