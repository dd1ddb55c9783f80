using Registry.Core.Access;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Tags;

/// <summary>A <c>tag_protection_rules</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class ProtectionRuleRow
{
    public const string Columns = "id, scope_kind, scope, pattern, kind, created_by, created_at";

    public long Id { get; set; }

    public int ScopeKind { get; set; }

    public string Scope { get; set; } = string.Empty;

    public string Pattern { get; set; } = string.Empty;

    public int Kind { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public TagProtectionRule ToRecord()
        => new(Id, AccessScope.Create((ScopeKind)ScopeKind, Scope), Pattern, (TagProtectionKind)Kind, CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));

    public static IReadOnlyList<TagProtectionRule> ToRecords(IEnumerable<ProtectionRuleRow> rows) => [.. rows.Select(r => r.ToRecord())];
}
