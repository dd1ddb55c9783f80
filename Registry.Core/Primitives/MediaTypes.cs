namespace Registry.Core.Primitives;

public static class MediaTypes
{
    public const string OciImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public const string OctetStream = "application/octet-stream";

    /// <summary>The digest of the two-byte empty JSON object <c>{}</c>, the OCI "empty descriptor".</summary>
    public const string EmptyJsonDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    public static bool IsIndex(string mediaType) => mediaType is OciImageIndex or DockerManifestList;

    public static bool IsImageManifest(string mediaType) => mediaType is OciImageManifest or DockerManifest;

    public static bool IsManifest(string mediaType) => IsIndex(mediaType) || IsImageManifest(mediaType);
}
