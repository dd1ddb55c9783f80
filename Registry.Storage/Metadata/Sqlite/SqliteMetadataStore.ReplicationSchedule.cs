using Registry.Core.Replication;
using Registry.Storage.Metadata.Replication;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>What the replication scheduler asks of a rule's runs.</summary>
internal sealed partial class SqliteMetadataStore
{
    public ValueTask<ReplicationRun?> LatestReplicationRunAsync(string rule, string trigger, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ReplicationRunRow>(ReplicationSql.LatestRun, new { Rule = rule, Trigger = trigger }))?.ToRecord());
}
