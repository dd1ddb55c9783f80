using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Changes;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Starts runs of a rule under its lease (<c>replication:NAME</c>), so a rule runs at most once at a time across the
/// fleet; the run stops when the lease is lost or the node stops. A run started by a request goes on when the request
/// goes away (a half-done run would be recorded as failed for no reason), as retention runs do.
/// </summary>
internal sealed class ReplicationRuns(
    ReplicationRunner runner, JobLeases leases, NodeIdentity node, IOptions<ReplicationSettings> settings, IHostApplicationLifetime lifetime, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RunningReplication> _running = new(StringComparer.Ordinal);

    /// <summary>The run, or null when the rule is running already (here or on another node); <paramref name="reason"/> is recorded with it.</summary>
    public async Task<ReplicationRun?> RunAsync(
        Actor actor, ReplicationRule rule, string trigger, IReadOnlySet<(string Repository, string Tag)>? only, CancellationToken ct, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        HeldLease? lease = await TakeAsync(rule, ct);
        return lease is null ? null : await RunUnderAsync(lease, actor, rule, trigger, only, ct, reason);
    }

    /// <summary>
    /// Starts a run in the background and answers at once: true when it started, false when the rule is running
    /// already (here or on another node). The run ends as any other, recorded and announced.
    /// </summary>
    public async Task<bool> TryStartAsync(Actor actor, ReplicationRule rule, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        HeldLease? lease = await TakeAsync(rule, ct);
        if (lease is null)
        {
            return false;
        }

        _ = Task.Run(() => RunUnderAsync(lease, actor, rule, trigger, null, lifetime.ApplicationStopping), CancellationToken.None);
        return true;
    }

    /// <summary>The run of the rule this node has under way, if any (another node's runs are not seen here).</summary>
    public RunningReplication? Running(string rule) => _running.GetValueOrDefault(rule);

    private Task<HeldLease?> TakeAsync(ReplicationRule rule, CancellationToken ct)
        => leases.TryTakeAsync("replication:" + rule.Name, node.Id, settings.Value.LeaseTtl, ct);

    private async Task<ReplicationRun?> RunUnderAsync(HeldLease lease, Actor actor, ReplicationRule rule, string trigger, IReadOnlySet<(string, string)>? only, CancellationToken ct, string? reason = null)
    {
        await using (lease)
        {
            _running[rule.Name] = new RunningReplication(trigger, actor.Name, time.GetUtcNow());
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
                return await runner.RunAsync(actor, rule, trigger, only, linked.Token, reason);
            }
            finally
            {
                _running.TryRemove(rule.Name, out _);
            }
        }
    }
}

/// <summary>A run under way on this node: why, by whom, since when.</summary>
internal sealed record RunningReplication(string Trigger, string Actor, DateTimeOffset StartedAt);
