using System.Text.Json.Serialization;
using Registry.Core.Replication;

namespace Registry.Core.Events;

/// <summary>
/// What a <c>replication.run</c> event tells of a finished run: the rule, its direction and the other registry (scheme,
/// host and port only: never credentials), why the run started (<paramref name="Reason"/> for a cron run or a retry), how it ended, its counts, bytes, requests and
/// duration, and the problem when the run as a whole failed (<paramref name="Unreachable"/> when the other registry
/// could not be reached, and the run will be retried).
/// </summary>
public sealed record ReplicationEventRun(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("run")] long Run,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("registry")] string? Registry,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("startedAt"), JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationMs")] long DurationMs,
    [property: JsonPropertyName("copied")] int Copied,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("blobsSent")] int BlobsSent,
    [property: JsonPropertyName("blobsMounted")] int BlobsMounted,
    [property: JsonPropertyName("blobsSkipped")] int BlobsSkipped,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("unreachable")] bool Unreachable,
    [property: JsonPropertyName("problem")] string? Problem)
{
    /// <summary>The event's view of <paramref name="run"/>; <paramref name="rule"/> (null when it is gone) names the direction and the other registry.</summary>
    public static ReplicationEventRun Of(ReplicationRun run, ReplicationRule? rule)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ReplicationEventRun(
            run.Rule,
            run.Id,
            rule is null ? null : rule.Direction == ReplicationDirection.Push ? "push" : "pull",
            rule?.Peer.Url.GetLeftPart(UriPartial.Authority),
            run.Trigger,
            run.Reason,
            run.Status,
            run.StartedAt,
            (long)(run.EndedAt - run.StartedAt).TotalMilliseconds,
            run.Copied,
            run.Skipped,
            run.Failed,
            run.BlobsSent,
            run.BlobsMounted,
            run.BlobsSkipped,
            run.Bytes,
            run.Requests,
            run.Unreachable,
            run.Problem);
    }
}
