using Registry.Core.Access;

namespace Registry.Api.Management.Models;

internal sealed record RoleModel(string Kind, string? Scope, string Role, DateTimeOffset GrantedAt, string GrantedBy)
{
    public static RoleModel From(RoleGrant grant)
        => new(ScopeModel.KindName(grant.Scope.Kind), grant.Scope.Kind == ScopeKind.Global ? null : grant.Scope.Name, grant.Role.ToName(), grant.GrantedAt, grant.GrantedBy);
}
