using System.Text.Json.Serialization;

namespace Registry.Storage.Metadata.Events;

/// <summary>Source-generated JSON for the lists and headers the webhook rows keep as text.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
