using System.Globalization;
using System.Text.Json;

using Registry.Core.Manifests;

namespace Registry.Api.Catalog;

/// <summary>
/// What an image config (OCI or Docker) says: platform, how the image runs, its labels and how it was built. The
/// catalog keeps the platform and labels (<see cref="ImageConfig"/>); the console's manifest page shows everything.
/// </summary>
internal sealed record ImageConfigDetails(
    Platform? Platform,
    DateTimeOffset? Created,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> Env,
    string? WorkingDir,
    string? User,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<ImageHistoryStep> History)
{
    /// <summary>The details, or null when the bytes are not a JSON object.</summary>
    public static ImageConfigDetails? Parse(ReadOnlyMemory<byte> content)
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

            JsonElement config = root.TryGetProperty("config", out JsonElement c) && c.ValueKind == JsonValueKind.Object ? c : default;
            string? os = Text(root, "os");
            string? architecture = Text(root, "architecture");
            string? variant = Text(root, "variant");
            var history = new List<ImageHistoryStep>();
            if (root.TryGetProperty("history", out JsonElement steps) && steps.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement step in steps.EnumerateArray())
                {
                    if (step.ValueKind == JsonValueKind.Object)
                    {
                        history.Add(new ImageHistoryStep(Time(step, "created"), Text(step, "created_by"), Text(step, "comment"),
                            step.TryGetProperty("empty_layer", out JsonElement empty) && empty.ValueKind == JsonValueKind.True));
                    }
                }
            }

            return new ImageConfigDetails(
                os is null || architecture is null ? null : new Platform(os, architecture, variant),
                Time(root, "created"),
                Strings(config, "Entrypoint"),
                Strings(config, "Cmd"),
                Strings(config, "Env"),
                Text(config, "WorkingDir"),
                Text(config, "User"),
                Keys(config, "ExposedPorts"),
                LabelsOf(config),
                history);
        }
    }

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? Time(JsonElement element, string name)
        => Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : null;

    private static List<string> Strings(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    private static List<string> Keys(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            ? [.. value.EnumerateObject().Select(p => p.Name)]
            : [];

    private static List<KeyValuePair<string, string>> LabelsOf(JsonElement config)
        => config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Labels", out JsonElement map) && map.ValueKind == JsonValueKind.Object
            ? [.. map.EnumerateObject().Where(l => l.Value.ValueKind == JsonValueKind.String).Select(l => new KeyValuePair<string, string>(l.Name, l.Value.GetString()!))]
            : [];
}
