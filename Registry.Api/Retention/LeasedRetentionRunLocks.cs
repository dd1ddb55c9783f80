using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// The engine's run locks are leases (<see cref="JobLeases"/>): renewed while the run goes on, time-to-live
/// <c>Registry:Jobs:LeaseTtls:retention-run</c>, so a run on a node that died stops blocking its policy within that
/// time; each run holds it under its own owner name, so two runs on one node exclude each other too.
/// </summary>
internal sealed class LeasedRetentionRunLocks(JobLeases leases, NodeIdentity node, IOptions<JobSettings> jobs) : IRetentionRunLocks
{
    /// <summary>The job-settings name of the run locks' time-to-live (image and artifact retention alike).</summary>
    public const string TtlName = "retention-run";

    public async Task<IRetentionRunLock?> TryTakeAsync(string name, CancellationToken ct)
    {
        string holder = node.Id + ":" + Guid.NewGuid().ToString("N");
        HeldLease? held = await leases.TryTakeAsync(name, holder, jobs.Value.TtlOf(TtlName), ct);
        return held is null ? null : new LeasedRetentionRunLock(held);
    }
}
