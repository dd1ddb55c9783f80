using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>
/// One event in the format of CNCF Distribution's notifications (<see cref="EventEnvelope.MediaType"/>), so that
/// consumers written for Distribution read it unchanged.
/// </summary>
/// <param name="Id">Unique per event; a consumer can use it to drop a repeated delivery.</param>
/// <param name="Replication">For <c>replication.run</c>: the run (the registry's own field; Distribution has none).</param>
public sealed record RegistryEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("timestamp"), JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset Timestamp,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("target")] EventTarget Target,
    [property: JsonPropertyName("request")] EventRequest? Request,
    [property: JsonPropertyName("actor")] EventActor Actor,
    [property: JsonPropertyName("source")] EventSource Source,
    [property: JsonPropertyName("replication")] ReplicationEventRun? Replication = null);
