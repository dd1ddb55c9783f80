using Registry.Core.Preheat;
using Registry.Storage.Metadata.Preheat;
using static Registry.Storage.Metadata.Preheat.PreheatRows;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IPreheatStore
{
    public ValueTask<IReadOnlyList<PreheatEdge>> ListPreheatEdgesAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<PreheatEdge>>(Read(c => c.Query<EdgeRow>(PreheatSql.Edges).Select(r => r.ToEdge()).ToList()));

    public ValueTask<PreheatEdge?> GetPreheatEdgeAsync(string name, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<EdgeRow>(PreheatSql.Edge, new { Name = name }))?.ToEdge());

    public async ValueTask<bool> CreatePreheatEdgeAsync(PreheatEdge edge, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(PreheatSql.InsertEdge, Edge(edge), tx), ct) == 1;

    public async ValueTask<bool> UpdatePreheatEdgeAsync(PreheatEdge edge, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(PreheatSql.UpdateEdge, Edge(edge), tx), ct) == 1;

    public async ValueTask<bool> DeletePreheatEdgeAsync(string name, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(PreheatSql.DeleteEdge, new { Name = name }, tx), ct) == 1;

    public ValueTask<IReadOnlyList<PreheatRule>> ListPreheatRulesAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<PreheatRule>>(Read(c => c.Query<RuleRow>(PreheatSql.Rules).Select(r => r.ToRule()).ToList()));

    public async ValueTask<bool> CreatePreheatRuleAsync(PreheatRule rule, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(PreheatSql.InsertRule, Rule(rule), tx), ct) == 1;

    public async ValueTask<bool> DeletePreheatRuleAsync(string name, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(PreheatSql.DeleteRule, new { Name = name }, tx), ct) == 1;
}
