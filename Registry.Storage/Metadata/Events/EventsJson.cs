using System.Text.Json;

namespace Registry.Storage.Metadata.Events;

/// <summary>How webhook lists (JSON arrays) and headers (a JSON object) are kept as text in either metadata store.</summary>
internal static class EventsJson
{
    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize([.. values], EventsJsonContext.Default.StringArray);

    public static string[] List(string json) => JsonSerializer.Deserialize(json, EventsJsonContext.Default.StringArray) ?? [];

    public static string Headers(IReadOnlyDictionary<string, string> headers)
        => JsonSerializer.Serialize(new Dictionary<string, string>(headers, StringComparer.Ordinal), EventsJsonContext.Default.DictionaryStringString);

    public static Dictionary<string, string> Headers(string json)
        => JsonSerializer.Deserialize(json, EventsJsonContext.Default.DictionaryStringString) ?? [];
}
