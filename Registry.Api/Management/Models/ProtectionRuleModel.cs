using Registry.Core.Access;
using Registry.Core.Tags;

namespace Registry.Api.Management.Models;

/// <summary>A tag protection rule: one of <c>namespace</c> and <c>repository</c> names its scope, the other is null.</summary>
internal sealed record ProtectionRuleModel(long Id, string? Namespace, string? Repository, string Pattern, string Kind, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static ProtectionRuleModel From(TagProtectionRule rule) => new(
        rule.Id,
        rule.Scope.Kind == ScopeKind.Namespace ? rule.Scope.Name : null,
        rule.Scope.Kind == ScopeKind.Repository ? rule.Scope.Name : null,
        rule.Pattern,
        rule.Kind.ToName(),
        rule.CreatedBy,
        rule.CreatedAt);
}
