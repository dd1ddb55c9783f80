using System.Text.Json;
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
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? os = String(root, "os");
            string? architecture = String(root, "architecture");
            Platform? platform = os is null || architecture is null ? null : new Platform(os, architecture, String(root, "variant"));
            var labels = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("config", out JsonElement config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("Labels", out JsonElement map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty label in map.EnumerateObject())
                {
                    if (label.Value.ValueKind == JsonValueKind.String)
                    {
                        labels.Add(new(label.Name, label.Value.GetString()!));
                    }
                }
            }

            return new ImageConfig(platform, labels);
        }
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
