using Registry.Core.Replication;
using Registry.Storage.Metadata.Replication;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>Replication rules.</summary>
internal sealed partial class SqliteMetadataStore : IReplicationStore
{
    public ValueTask<IReadOnlyList<ReplicationRule>> ListReplicationRulesAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ReplicationRule>>(Read(c => c.Query<ReplicationRuleRow>(ReplicationSql.Rules).Select(r => r.ToRecord()).ToList()));

    public ValueTask<ReplicationRule?> GetReplicationRuleAsync(string name, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ReplicationRuleRow>(ReplicationSql.Rule, new { Name = name }))?.ToRecord());

    public ValueTask<bool> CreateReplicationRuleAsync(ReplicationRule rule, CancellationToken ct)
    {
        ReplicationRuleRow row = ReplicationRuleRow.From(rule);
        return WriteAsync((c, tx) => c.Execute(ReplicationSql.InsertRule, row, tx) > 0, ct);
    }

    public ValueTask<bool> UpdateReplicationRuleAsync(ReplicationRule rule, CancellationToken ct)
    {
        ReplicationRuleRow row = ReplicationRuleRow.From(rule);
        return WriteAsync((c, tx) => c.Execute(ReplicationSql.UpdateRule, row, tx) > 0, ct);
    }

    public ValueTask<bool> DeleteReplicationRuleAsync(string name, CancellationToken ct)
        => WriteAsync((c, tx) =>
        {
            c.Execute(ReplicationSql.DeleteRuns, new { Name = name }, tx);
            c.Execute(ReplicationUploadSql.DeleteForRule, new { Name = name }, tx);
            return c.Execute(ReplicationSql.DeleteRule, new { Name = name }, tx) > 0;
        }, ct);

    public async ValueTask<ReplicationRun> AddReplicationRunAsync(ReplicationRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        ReplicationRunRow row = ReplicationRunRow.From(run);
        long id = await WriteAsync((c, tx) => c.ExecuteScalar<long>(ReplicationSql.InsertRun, row, tx), ct);
        row.Id = id;
        return row.ToRecord();
    }

    public ValueTask<IReadOnlyList<ReplicationRun>> ListReplicationRunsAsync(string rule, int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ReplicationRun>>(Read(c => c.Query<ReplicationRunRow>(ReplicationSql.Runs, new { Rule = rule, Limit = limit }).Select(r => r.ToRecord()).ToList()));
}
