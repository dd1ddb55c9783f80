using System.Text.Json;
using Registry.Core.Catalog;

namespace Registry.Api.Catalog;

/// <summary>
/// Writes a catalog response: <c>{"repositories":[{"name","tags":[...]}],"next","cursor"}</c>. Every field of an entry
/// is always present (null when unknown), so consumers can rely on the shape; see docs/catalog.md.
/// </summary>
internal static class CatalogPageWriter
{
    public static void Write(Utf8JsonWriter writer, CatalogPage page)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("repositories");
        string? repository = null;
        foreach (CatalogItem item in page.Items)
        {
            if (item.Repository != repository)
            {
                if (repository is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                repository = item.Repository;
                writer.WriteStartObject();
                writer.WriteString("name", repository);
                writer.WriteStartArray("tags");
            }

            WriteItem(writer, item);
        }

        if (repository is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("next", page.Next);
        writer.WriteString("cursor", page.Cursor);
        writer.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter writer, CatalogItem item)
    {
        writer.WriteStartObject();
        writer.WriteString("tag", item.Tag);
        if (item.Entry is not { } entry)
        {
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
            return;
        }

        writer.WriteString("digest", entry.Digest.Value);
        writer.WriteString("mediaType", entry.MediaType);
        writer.WriteString("artifactType", entry.ArtifactType);
        writer.WritePropertyName("platforms");
        if (entry.Details?.PlatformsJson is { } platforms)
        {
            writer.WriteRawValue(platforms, skipInputValidation: true);
        }
        else
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        }

        if (entry.Details is { } details)
        {
            writer.WriteNumber("size", details.Size);
        }
        else
        {
            writer.WriteNull("size");
        }

        writer.WriteString("pushedAt", entry.PushedAt.UtcDateTime);
        if (entry.LastPulledAt is { } pulled)
        {
            writer.WriteString("lastPulledAt", pulled.UtcDateTime);
        }
        else
        {
            writer.WriteNull("lastPulledAt");
        }

        writer.WriteNumber("pullCount", entry.PullCount);
        WriteRawOrNull(writer, "annotations", entry.AnnotationsJson);
        WriteRawOrNull(writer, "labels", entry.Details?.LabelsJson);
        writer.WriteEndObject();
    }

    private static void WriteRawOrNull(Utf8JsonWriter writer, string name, string? json)
    {
        writer.WritePropertyName(name);
        if (json is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(json, skipInputValidation: true);
        }
    }
}
