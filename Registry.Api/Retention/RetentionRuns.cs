using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// Starts real runs of a policy one at a time across all nodes: each run holds the lease <c>retention:&lt;id&gt;</c>
/// (<see cref="JobLeases"/>, renewed while it deletes, time-to-live <c>Registry:Jobs:LeaseTtls:retention-run</c>), so a
/// run on a node that died stops blocking the policy within that time. A run goes on when the request that started it goes away (a half-done
/// run would be recorded as failed for no reason); it stops only with the node. Dry runs change nothing and need no lock.
/// </summary>
internal sealed class RetentionRuns(
    RetentionRunner runner,
    JobLeases leases,
    NodeIdentity node,
    IOptions<JobSettings> jobs,
    IHostApplicationLifetime lifetime)
{
    /// <summary>The job-settings name of the run locks' time-to-live (image and artifact retention alike).</summary>
    public const string LockName = "retention-run";

    public RetentionRunner Runner => runner;

    /// <summary>The recorded run, or null when another run of the policy holds its lock.</summary>
    public async Task<RetentionRun?> TryRunAsync(RetentionPolicy policy, string trigger, string actor)
    {
        CancellationToken ct = lifetime.ApplicationStopping;
        ArgumentNullException.ThrowIfNull(policy);
        string lease = "retention:" + policy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string holder = node.Id + ":" + Guid.NewGuid().ToString("N");
        await using HeldLease? held = await leases.TryTakeAsync(lease, holder, jobs.Value.TtlOf(LockName), ct);
        return held is null ? null : await runner.RunAsync(policy, trigger, actor, ct);
    }
}
