namespace Registry.Api.Auth;

/// <summary>One <c>access</c> entry of a token: a resource type and name and the actions granted on it.</summary>
internal sealed record GrantedAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string RepositoryType = "repository";
    public const string RegistryType = "registry";
    public const string CatalogName = "catalog";

    /// <summary><c>registry:management:*</c>: the token may be used on the management API (<c>/api/v1</c>).</summary>
    public const string ManagementName = "management";
}
