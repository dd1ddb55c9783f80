using Registry.Core.Replication;
using Registry.Storage.Metadata.Replication;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>Replication rules.</summary>
internal sealed partial class PostgresMetadataStore : IReplicationStore
{
    public async ValueTask<IReadOnlyList<ReplicationRule>> ListReplicationRulesAsync(CancellationToken ct)
        => (await ReadAsync(c => c.QueryAsync<ReplicationRuleRow>(Command(ReplicationSql.Rules, null, null, ct)), ct)).Select(r => r.ToRecord()).ToList();

    public async ValueTask<ReplicationRule?> GetReplicationRuleAsync(string name, CancellationToken ct)
        => HasNul(name) ? null
            : (await ReadAsync(c => c.QuerySingleOrDefaultAsync<ReplicationRuleRow>(Command(ReplicationSql.Rule, new { Name = name }, null, ct)), ct))?.ToRecord();

    public async ValueTask<bool> CreateReplicationRuleAsync(ReplicationRule rule, CancellationToken ct)
    {
        ReplicationRuleRow row = ReplicationRuleRow.From(rule);
        return await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ReplicationSql.InsertRule, row, tx, ct)) > 0, ct);
    }

    public async ValueTask<bool> UpdateReplicationRuleAsync(ReplicationRule rule, CancellationToken ct)
    {
        ReplicationRuleRow row = ReplicationRuleRow.From(rule);
        return !HasNul(rule.Name) && await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ReplicationSql.UpdateRule, row, tx, ct)) > 0, ct);
    }

    public async ValueTask<bool> DeleteReplicationRuleAsync(string name, CancellationToken ct)
        => !HasNul(name) && await WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Command(ReplicationSql.DeleteRuns, new { Name = name }, tx, ct));
            await c.ExecuteAsync(Command(ReplicationUploadSql.DeleteForRule, new { Name = name }, tx, ct));
            return await c.ExecuteAsync(Command(ReplicationSql.DeleteRule, new { Name = name }, tx, ct)) > 0;
        }, ct);

    public async ValueTask<ReplicationRun> AddReplicationRunAsync(ReplicationRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        ReplicationRunRow row = ReplicationRunRow.From(run);
        row.Id = await WriteAsync(async (c, tx) => await c.ExecuteScalarAsync<long>(Command(ReplicationSql.InsertRun, row, tx, ct)), ct);
        return row.ToRecord();
    }

    public async ValueTask<IReadOnlyList<ReplicationRun>> ListReplicationRunsAsync(string rule, int limit, CancellationToken ct)
        => HasNul(rule) ? []
            : (await ReadAsync(c => c.QueryAsync<ReplicationRunRow>(Command(ReplicationSql.Runs, new { Rule = rule, Limit = limit }, null, ct)), ct)).Select(r => r.ToRecord()).ToList();
}
