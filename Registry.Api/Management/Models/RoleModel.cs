using Registry.Core.Access;

namespace Registry.Api.Management.Models;

/// <summary>A role grant: <c>kind</c> and <c>name</c> of the scope (no name for global), the role, who granted it and when.</summary>
internal sealed record RoleModel(string Kind, string? Name, string Role, DateTimeOffset GrantedAt, string GrantedBy)
{
    /// <summary>Deprecated: the same as <see cref="Name"/>, kept for clients written before <c>name</c>.</summary>
    public string? Scope => Name;

    public static RoleModel From(RoleGrant grant)
        => new(ScopeModel.KindName(grant.Scope.Kind), grant.Scope.Kind == ScopeKind.Global ? null : grant.Scope.Name, grant.Role.ToName(), grant.GrantedAt, grant.GrantedBy);
}
