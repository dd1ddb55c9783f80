using Registry.Core.Preheat;
using Registry.Storage.Metadata.Preheat;
using static Registry.Storage.Metadata.Preheat.PreheatRows;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IPreheatStore
{
    public ValueTask<IReadOnlyList<PreheatEdge>> ListPreheatEdgesAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<PreheatEdge>>(async c => (await c.QueryAsync<EdgeRow>(Command(PreheatSql.Edges, null, null, ct))).Select(r => r.ToEdge()).ToList(), ct);

    public ValueTask<PreheatEdge?> GetPreheatEdgeAsync(string name, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<EdgeRow>(Command(PreheatSql.Edge, new { Name = name }, null, ct)))?.ToEdge(), ct);

    public async ValueTask<bool> CreatePreheatEdgeAsync(PreheatEdge edge, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(PreheatSql.InsertEdge, Edge(edge), tx, ct)), ct) == 1;

    public async ValueTask<bool> UpdatePreheatEdgeAsync(PreheatEdge edge, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(PreheatSql.UpdateEdge, Edge(edge), tx, ct)), ct) == 1;

    public async ValueTask<bool> DeletePreheatEdgeAsync(string name, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(PreheatSql.DeleteEdge, new { Name = name }, tx, ct)), ct) == 1;

    public ValueTask<IReadOnlyList<PreheatRule>> ListPreheatRulesAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<PreheatRule>>(async c => (await c.QueryAsync<RuleRow>(Command(PreheatSql.Rules, null, null, ct))).Select(r => r.ToRule()).ToList(), ct);

    public async ValueTask<bool> CreatePreheatRuleAsync(PreheatRule rule, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(PreheatSql.InsertRule, Rule(rule), tx, ct)), ct) == 1;

    public async ValueTask<bool> DeletePreheatRuleAsync(string name, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(PreheatSql.DeleteRule, new { Name = name }, tx, ct)), ct) == 1;
}
