using System.Text.Json;
using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>The <c>access</c> entries of a validated access token, parsed once per token and asked per request.</summary>
internal sealed class TokenAccess
{
    private readonly Dictionary<string, AccessAction> _repositories;

    private TokenAccess(Dictionary<string, AccessAction> repositories, bool catalog, bool management)
    {
        _repositories = repositories;
        Catalog = catalog;
        Management = management;
    }

    /// <summary>Whether the token carries <c>registry:catalog:*</c>.</summary>
    public bool Catalog { get; }

    /// <summary>Whether the token carries <c>registry:management:*</c>, without which the management API refuses it.</summary>
    public bool Management { get; }

    public bool Allows(RepositoryName repository, AccessAction action)
        => _repositories.TryGetValue(repository.Value, out AccessAction granted) && (granted & action) == action;

    /// <summary>Reads the claim's JSON array; entries of unknown types or actions are ignored.</summary>
    public static TokenAccess Parse(JsonElement access)
    {
        var repositories = new Dictionary<string, AccessAction>(StringComparer.Ordinal);
        bool catalog = false;
        bool management = false;
        if (access.ValueKind != JsonValueKind.Array)
        {
            return new TokenAccess(repositories, catalog, management);
        }

        foreach (JsonElement entry in access.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String
                || !entry.TryGetProperty("name", out JsonElement name) || name.ValueKind != JsonValueKind.String
                || !entry.TryGetProperty("actions", out JsonElement actions) || actions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            if (type.ValueEquals(GrantedAccess.RegistryType) && name.ValueEquals(GrantedAccess.CatalogName))
            {
                catalog |= actions.EnumerateArray().Any(a => a.ValueEquals("*"));
            }
            else if (type.ValueEquals(GrantedAccess.RegistryType) && name.ValueEquals(GrantedAccess.ManagementName))
            {
                management |= actions.EnumerateArray().Any(a => a.ValueEquals("*"));
            }
            else if (type.ValueEquals(GrantedAccess.RepositoryType))
            {
                AccessAction granted = AccessAction.None;
                foreach (JsonElement action in actions.EnumerateArray())
                {
                    granted |= ScopeRequest.ActionOf(action.GetString());
                }

                string repository = name.GetString()!;
                repositories[repository] = repositories.GetValueOrDefault(repository) | granted;
            }
        }

        return new TokenAccess(repositories, catalog, management);
    }
}
