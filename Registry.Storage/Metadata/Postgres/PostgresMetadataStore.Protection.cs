using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<TagProtectionRule?> CreateProtectionRuleAsync(TagProtectionRule rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        long createdAt = rule.CreatedAt.ToUnixTimeMilliseconds();
        long? id = await WriteAsync((c, tx) => c.ExecuteScalarAsync<long?>(Command(TagSql.InsertProtectionRule, new
        {
            ScopeKind = (short)rule.Scope.Kind,
            Scope = rule.Scope.Name,
            rule.Pattern,
            Kind = (short)rule.Kind,
            rule.CreatedBy,
            CreatedAt = createdAt,
        }, tx, ct)), ct);
        return id is null ? null : rule with { Id = id.Value, CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt) };
    }

    public async ValueTask<TagProtectionRule?> GetProtectionRuleAsync(long id, CancellationToken ct)
        => (await ReadAsync(c => c.QuerySingleOrDefaultAsync<ProtectionRuleRow>(Command(TagSql.ProtectionRule, new { Id = id }, null, ct)), ct))?.ToRecord();

    public async ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesAsync(CancellationToken ct)
        => ProtectionRuleRow.ToRecords(await ReadAsync(c => c.QueryAsync<ProtectionRuleRow>(Command(TagSql.ProtectionRules, null, null, ct)), ct));

    public async ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesForAsync(RepositoryName repository, CancellationToken ct)
        => await ReadAsync(c => ProtectionRulesForAsync(c, null, repository, ct), ct);

    public async ValueTask<bool> DeleteProtectionRuleAsync(long id, CancellationToken ct)
        => await WriteAsync((c, tx) => c.ExecuteAsync(Command(TagSql.DeleteProtectionRule, new { Id = id }, tx, ct)), ct) > 0;
}
