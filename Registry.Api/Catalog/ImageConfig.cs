using Registry.Core.Manifests;

namespace Registry.Api.Catalog;

/// <summary>What the catalog reads from an image config (OCI or Docker): the platform and <c>config.Labels</c>.</summary>
internal sealed record ImageConfig(Platform? Platform, IReadOnlyList<KeyValuePair<string, string>> Labels)
{
    public const string OciMediaType = "application/vnd.oci.image.config.v1+json";
    public const string DockerMediaType = "application/vnd.docker.container.image.v1+json";

    public static bool IsImageConfig(string mediaType) => mediaType is OciMediaType or DockerMediaType;

    /// <summary>The config, or null when the bytes are not a JSON object; labels that are not strings are left out.</summary>
    public static ImageConfig? Parse(ReadOnlyMemory<byte> content)
        => ImageConfigDetails.Parse(content) is { } details ? new ImageConfig(details.Platform, details.Labels) : null;
}
