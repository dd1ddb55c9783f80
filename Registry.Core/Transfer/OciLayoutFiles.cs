using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>The names in an OCI image layout, and the file of our own that lists an export.</summary>
public static class OciLayoutFiles
{
    public const string LayoutFile = "oci-layout";
    public const string IndexFile = "index.json";

    /// <summary>Our listing of an export: repositories, tags, manifests, blobs and their checksums.</summary>
    public const string ExportFile = "registry-export.json";

    public const string LayoutContent = """{"imageLayoutVersion":"1.0.0"}""";

    /// <summary>The annotation naming an <c>index.json</c> entry; we write <c>repository:tag</c>, as <c>skopeo copy oci:DIR:team/app:v1</c> reads it.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public static string BlobPath(Digest digest) => $"blobs/{digest.AlgorithmName}/{digest.Hex}";
}
