namespace Registry.Core.Replication;

/// <summary>
/// One run of a rule: when, why (<see cref="Trigger"/>: <c>manual</c>, <c>push</c>, <c>cron</c>, <c>retry</c>, see
/// <see cref="ReplicationTriggerNames"/>) and by whom; how it ended (<see cref="Status"/>: <c>succeeded</c>,
/// <c>failed</c> when any item failed or the run could not start; a tag the destination protects is reported, not a
/// failure); per tag results (<see cref="Items"/>); blobs sent and skipped; bytes uploaded; requests sent to the other registry.
/// </summary>
public sealed record ReplicationRun(
    long Id,
    string Rule,
    string Trigger,
    string Actor,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string Status,
    int Copied,
    int Skipped,
    int Failed,
    int BlobsSent,
    int BlobsMounted,
    int BlobsSkipped,
    long Bytes,
    int Requests,
    string? Problem,
    IReadOnlyList<ReplicationItem> Items)
{
    public const string Succeeded = "succeeded";
    public const string FailedStatus = "failed";

    /// <summary>
    /// The run failed because the other registry could not be reached or answered out of protocol (its
    /// <see cref="Problem"/> says how), not because it refused an item: such a run is retried (<see cref="ReplicationBackoff"/>).
    /// </summary>
    public bool Unreachable { get; init; }

    /// <summary>Why a run nobody asked for started: the fire time of a <c>cron</c> run, the attempt of a <c>retry</c>; null otherwise.</summary>
    public string? Reason { get; init; }


    /// <summary>Tags deleted at the destination because the source no longer has them (a rule that propagates deletes).</summary>
    public int Deleted => Items.Count(i => i.Outcome == ReplicationOutcome.Deleted);

    /// <summary>Tags the destination protects, left as they are there (not counted as failed).</summary>
    public int Protected => Items.Count(i => i.Outcome == ReplicationOutcome.Protected);

    public string Summary => Problem ?? $"{Copied} copied, {Skipped} skipped, {Failed} failed"
        + (Deleted > 0 ? $", {Deleted} deleted" : string.Empty) + (Protected > 0 ? $", {Protected} protected" : string.Empty)
        + $"; {BlobsSent} blobs sent ({Bytes} bytes), {BlobsMounted} mounted, {BlobsSkipped} present; {Requests} requests";
}
