using Registry.Core.Access;

namespace Registry.Storage.Metadata.Access;

/// <summary>A <c>role_grants</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class GrantRow
{
    public const string Columns = "subject, scope_kind, scope, role, granted_at, granted_by";

    public string Subject { get; set; } = string.Empty;

    public int ScopeKind { get; set; }

    public string Scope { get; set; } = string.Empty;

    public int Role { get; set; }

    public long GrantedAt { get; set; }

    public string GrantedBy { get; set; } = string.Empty;

    public RoleGrant ToRecord()
        => new(Subject, AccessScope.Create((ScopeKind)ScopeKind, Scope), (Role)Role, AccessTime.From(GrantedAt), GrantedBy);
}
