using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Core.Replication;
using Registry.Storage.Metadata.Access;

namespace Registry.Storage.Metadata.Replication;

/// <summary>A <c>replication_runs</c> row: the run's identity and times in columns, the rest (<c>summary</c>) as JSON.</summary>
internal sealed partial class ReplicationRunRow
{
    public const string Columns = "id, rule, started_at, ended_at, status, summary";

    public long Id { get; set; }

    public string Rule { get; set; } = string.Empty;

    /// <summary>Written (the <c>run_trigger</c> column, for the scheduler's look-up), not read: the summary has it.</summary>
    public string Trigger { get; set; } = string.Empty;

    public long StartedAt { get; set; }

    public long EndedAt { get; set; }

    public string Status { get; set; } = string.Empty;

    public string Summary { get; set; } = "{}";

    public static ReplicationRunRow From(ReplicationRun run) => new()
    {
        Rule = run.Rule,
        Trigger = run.Trigger,
        StartedAt = AccessTime.Ms(run.StartedAt),
        EndedAt = AccessTime.Ms(run.EndedAt),
        Status = run.Status,
        Summary = JsonSerializer.Serialize(run, ReplicationRunContext.Default.ReplicationRun),
    };

    public ReplicationRun ToRecord()
    {
        ReplicationRun stored = JsonSerializer.Deserialize(Summary, ReplicationRunContext.Default.ReplicationRun)
            ?? throw new InvalidDataException($"replication run {Id} has an empty summary");
        return stored with { Id = Id, Rule = Rule, StartedAt = AccessTime.From(StartedAt), EndedAt = AccessTime.From(EndedAt), Status = Status };
    }

    [JsonSerializable(typeof(ReplicationRun))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    internal sealed partial class ReplicationRunContext : JsonSerializerContext;
}
