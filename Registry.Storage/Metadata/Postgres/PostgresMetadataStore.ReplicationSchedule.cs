using Registry.Core.Replication;
using Registry.Storage.Metadata.Replication;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>What the replication scheduler asks of a rule's runs.</summary>
internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<ReplicationRun?> LatestReplicationRunAsync(string rule, string trigger, CancellationToken ct)
        => HasNul(rule) || HasNul(trigger) ? null
            : (await ReadAsync(c => c.QuerySingleOrDefaultAsync<ReplicationRunRow>(Command(ReplicationSql.LatestRun, new { Rule = rule, Trigger = trigger }, null, ct)), ct))?.ToRecord();
}
