namespace Registry.Core.Replication;

/// <summary>Replication rules as the metadata store keeps them (the password as it was encrypted), by name.</summary>
public interface IReplicationStore
{
    ValueTask<IReadOnlyList<ReplicationRule>> ListReplicationRulesAsync(CancellationToken ct);

    ValueTask<ReplicationRule?> GetReplicationRuleAsync(string name, CancellationToken ct);

    /// <summary>False (nothing written) when a rule has the name.</summary>
    ValueTask<bool> CreateReplicationRuleAsync(ReplicationRule rule, CancellationToken ct);

    /// <summary>Replaces every field but the name and creation; false when no rule has the name.</summary>
    ValueTask<bool> UpdateReplicationRuleAsync(ReplicationRule rule, CancellationToken ct);

    /// <summary>Deletes the rule with its runs and unfinished uploads; false when no rule has the name.</summary>
    ValueTask<bool> DeleteReplicationRuleAsync(string name, CancellationToken ct);

    /// <summary>Records a finished run; returns it with the id it got.</summary>
    ValueTask<ReplicationRun> AddReplicationRunAsync(ReplicationRun run, CancellationToken ct);

    /// <summary>The rule's runs, newest first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<ReplicationRun>> ListReplicationRunsAsync(string rule, int limit, CancellationToken ct);

    /// <summary>The rule's newest run started by <paramref name="trigger"/> (e.g. its last cron run), or null.</summary>
    ValueTask<ReplicationRun?> LatestReplicationRunAsync(string rule, string trigger, CancellationToken ct);
}
