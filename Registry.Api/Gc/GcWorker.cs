using Registry.Api.Jobs;

namespace Registry.Api.Gc;

/// <summary>
/// The <c>gc</c> job: a collection pass every <c>Registry:Gc:Interval</c> while <c>Registry:Gc:Enabled</c>, on the
/// node holding the job's lease (<see cref="LeasedJobRunner"/>). The pass itself also takes the <c>gc-pass</c> lease,
/// which keeps it apart from passes started by the API or the <c>gc</c> command on any node. The scheduled pass waits
/// up to that lease's time-to-live for it: a pass of a node killed mid-pass holds it until it expires, and the node
/// that took the job over then collects at once instead of an interval later.
/// </summary>
internal sealed class GcWorker(GarbageCollector collector, NodeIdentity node) : ILeasedJob
{
    public const string JobName = "gc";

    /// <summary>Who the audit log and the change feed name for a scheduled pass.</summary>
    public static readonly Core.Changes.Actor Actor = Core.Changes.Actor.System("system:gc");

    public Task RunOnceAsync(CancellationToken ct) => collector.RunAsync(Actor, "schedule", node.Id, collector.LeaseTtl, ct);
}
