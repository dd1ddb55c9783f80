namespace Registry.Tests.Support;

/// <summary>An OCI image layout directory holding one multi-platform image index under a tag.</summary>
internal sealed record OciLayout(
    string Directory,
    string Tag,
    string IndexDigest,
    byte[] Index,
    IReadOnlyList<OciLayoutImage> Images)
{
    /// <summary>The skopeo/podman transport reference, "oci:DIR:TAG".</summary>
    public string Reference => $"oci:{Directory}:{Tag}";

    public OciLayoutImage Image(string architecture) => Images.Single(image => image.Architecture == architecture);

    /// <summary>Every blob digest the index reaches: manifests, configs and layers.</summary>
    public IEnumerable<string> AllDigests() =>
        Images.SelectMany(image => image.LayerDigests.Append(image.ConfigDigest).Append(image.ManifestDigest)).Append(IndexDigest);
}
