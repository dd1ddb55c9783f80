using Registry.Core.Gc;

namespace Registry.Core.Changes;

/// <summary>
/// A garbage-collection pass finished and was recorded in the run history: started by <see cref="ChangeRecord.Actor"/>
/// (a user through the API, <c>system:cli</c> for the <c>gc</c> command, <c>system:gc</c> on schedule).
/// </summary>
public sealed record GcPassCompleted(Actor Actor, DateTimeOffset At, GcRun Run) : ChangeRecord(Actor, At)
{
    public override string Subject => Run.Trigger;

    /// <summary>Whether the audit log keeps it: a pass someone asked for, or one that removed or failed to remove something.</summary>
    public bool IsWorthAuditing => Actor.Kind != ActorKind.System || Run.Trigger != "schedule" || Run.BlobsDeleted > 0 || Run.Errors > 0;
}
