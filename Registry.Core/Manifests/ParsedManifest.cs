using Registry.Core.Primitives;

namespace Registry.Core.Manifests;

/// <summary>What the registry needs to know of a manifest it accepted: its type and everything it references.</summary>
public sealed record ParsedManifest(
    string MediaType,
    ManifestKind Kind,
    Descriptor? Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<Descriptor> Manifests,
    Descriptor? Subject,
    string? ArtifactType,
    string? AnnotationsJson)
{
    /// <summary>
    /// The artifact type the referrers API reports: <c>artifactType</c> when set, otherwise, for an image manifest,
    /// the config media type (OCI distribution spec, "Listing Referrers").
    /// </summary>
    public string? EffectiveArtifactType => ArtifactType ?? (Kind == ManifestKind.Image ? Config?.MediaType : null);

    /// <summary>The blobs (config and layers) and child manifests this manifest needs in its repository.</summary>
    public IEnumerable<ManifestDependency> Dependencies()
    {
        if (Config is not null)
        {
            yield return new ManifestDependency(Config.Digest, Config.Size, DependencyKind.Blob);
        }

        foreach (Descriptor layer in Layers)
        {
            // Non-distributable layers (with urls) live elsewhere; the registry need not hold them.
            if (!layer.HasUrls)
            {
                yield return new ManifestDependency(layer.Digest, layer.Size, DependencyKind.Blob);
            }
        }

        foreach (Descriptor child in Manifests)
        {
            yield return new ManifestDependency(child.Digest, child.Size, DependencyKind.Manifest);
        }
    }

    public static bool IsEmptyJsonDescriptor(Digest digest, long size) => size == 2 && digest.Value == MediaTypes.EmptyJsonDigest;
}
