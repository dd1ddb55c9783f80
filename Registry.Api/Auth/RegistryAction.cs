namespace Registry.Api.Auth;

/// <summary>What a request wants to do, as token scopes will name it (pull, push, delete) plus the catalog.</summary>
internal enum RegistryAction
{
    Pull,
    Push,
    Delete,
    Catalog,
}
