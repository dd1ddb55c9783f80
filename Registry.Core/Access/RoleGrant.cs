namespace Registry.Core.Access;

/// <summary>A role a user holds on a scope, who granted it and when.</summary>
public sealed record RoleGrant(string Subject, AccessScope Scope, Role Role, DateTimeOffset GrantedAt, string GrantedBy);
