using System.Text.Json.Serialization;

namespace Registry.Core.Replication;

/// <summary>What a run did with one tag: copied, skipped (up to date, or left because it points elsewhere) or failed, and why.</summary>
public sealed record ReplicationItem(
    string Repository,
    string Tag,
    string Destination,
    string Digest,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ReplicationOutcome>))] ReplicationOutcome Outcome,
    string? Reason);
