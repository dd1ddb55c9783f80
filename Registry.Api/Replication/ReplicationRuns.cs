using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Changes;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Starts runs of a rule under its lease (<c>replication:NAME</c>), so a rule runs at most once at a time across the
/// fleet; the run stops when the lease is lost.
/// </summary>
internal sealed class ReplicationRuns(ReplicationRunner runner, JobLeases leases, NodeIdentity node, IOptions<ReplicationSettings> settings)
{
    /// <summary>The run, or null when the rule is running already (here or on another node); <paramref name="reason"/> is recorded with it.</summary>
    public async Task<ReplicationRun?> RunAsync(
        Actor actor, ReplicationRule rule, string trigger, IReadOnlySet<(string Repository, string Tag)>? only, CancellationToken ct, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using HeldLease? lease = await leases.TryTakeAsync("replication:" + rule.Name, node.Id, settings.Value.LeaseTtl, ct);
        if (lease is null)
        {
            return null;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        return await runner.RunAsync(actor, rule, trigger, only, linked.Token, reason);
    }
}
