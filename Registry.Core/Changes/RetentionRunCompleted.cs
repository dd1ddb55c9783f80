namespace Registry.Core.Changes;

/// <summary>
/// A retention run finished and was recorded in its run history, in the same transaction: of an image policy
/// (<see cref="Artifacts"/> false, <see cref="Policy"/> its name) or of an artifact repository's policy
/// (<see cref="Policy"/> the repository's key), dry or real, started by <see cref="ChangeRecord.Actor"/> (the user who
/// asked, with the request, or the system actor <c>scheduler</c>). The tags, manifests and files a real run deleted
/// were announced one by one as the policy's own deletes; this is the run's summary (<see cref="Summary"/>), audited as
/// <c>retention.run</c>, <c>retention.dry-run</c>, <c>artifact-retention.run</c> or <c>artifact-retention.dry-run</c>.
/// </summary>
public sealed record RetentionRunCompleted(
    Actor Actor, DateTimeOffset At, bool Artifacts, string Policy, long RunId, bool DryRun, string Summary, bool Succeeded)
    : ChangeRecord(Actor, At)
{
    public override string Subject => Policy;
}
