using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>Source-generated JSON for events; absent (null) fields are left out, as Distribution's <c>omitempty</c> does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistryEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
