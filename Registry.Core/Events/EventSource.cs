using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>The registry node that generated an event: its host name and port, and its instance id (new at every start).</summary>
public sealed record EventSource(
    [property: JsonPropertyName("addr")] string? Addr,
    [property: JsonPropertyName("instanceID")] string InstanceId);
