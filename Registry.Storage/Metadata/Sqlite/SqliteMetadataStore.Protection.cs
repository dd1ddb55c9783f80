using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public async ValueTask<TagProtectionRule?> CreateProtectionRuleAsync(TagProtectionRule rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        long? id = await WriteAsync((c, tx) => c.ExecuteScalar<long?>(TagSql.InsertProtectionRule, new
        {
            ScopeKind = (int)rule.Scope.Kind,
            Scope = rule.Scope.Name,
            rule.Pattern,
            Kind = (int)rule.Kind,
            rule.CreatedBy,
            CreatedAt = rule.CreatedAt.ToUnixTimeMilliseconds(),
        }, tx), ct);
        return id is null ? null : rule with { Id = id.Value, CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(rule.CreatedAt.ToUnixTimeMilliseconds()) };
    }

    public ValueTask<TagProtectionRule?> GetProtectionRuleAsync(long id, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ProtectionRuleRow>(TagSql.ProtectionRule, new { Id = id }))?.ToRecord());

    public ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesAsync(CancellationToken ct)
        => ValueTask.FromResult(Read(c => ProtectionRuleRow.ToRecords(c.Query<ProtectionRuleRow>(TagSql.ProtectionRules))));

    public ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesForAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c => ProtectionRulesFor(c, null, repository)));

    public async ValueTask<bool> DeleteProtectionRuleAsync(long id, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(TagSql.DeleteProtectionRule, new { Id = id }, tx), ct) > 0;
}
