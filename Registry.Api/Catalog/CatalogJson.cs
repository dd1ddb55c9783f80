using System.Buffers;
using System.Text;
using System.Text.Json;
using Registry.Api.Http;
using Registry.Api.Oci;
using Registry.Core.Manifests;

namespace Registry.Api.Catalog;

/// <summary>How platforms and labels are kept in <c>manifest_details</c>: compact JSON, written as the API shows it.</summary>
internal static class CatalogJson
{
    /// <summary><c>[{"os","architecture","variant"?}]</c>, or null when there is none.</summary>
    public static string? Platforms(IReadOnlyList<Platform> platforms)
    {
        if (platforms.Count == 0)
        {
            return null;
        }

        return Write(writer =>
        {
            writer.WriteStartArray();
            foreach (Platform platform in platforms)
            {
                writer.WriteStartObject();
                writer.WriteString("os", platform.Os);
                writer.WriteString("architecture", platform.Architecture);
                if (platform.Variant is not null)
                {
                    writer.WriteString("variant", platform.Variant);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>A JSON object of the labels in their order, or null when there is none.</summary>
    public static string? Labels(IReadOnlyList<KeyValuePair<string, string>>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return null;
        }

        return Write(writer =>
        {
            writer.WriteStartObject();
            foreach ((string name, string value) in labels)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        });
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, OciJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
