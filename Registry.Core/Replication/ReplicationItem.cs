using System.Text.Json.Serialization;

namespace Registry.Core.Replication;

/// <summary>
/// What a run did with one tag: copied, skipped (up to date, or left because it points elsewhere), protected (the
/// destination refused to change it), deleted (gone at the source, a rule that propagates deletes) or failed, and why.
/// </summary>
public sealed record ReplicationItem(
    string Repository,
    string Tag,
    string Destination,
    string Digest,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ReplicationOutcome>))] ReplicationOutcome Outcome,
    string? Reason);
