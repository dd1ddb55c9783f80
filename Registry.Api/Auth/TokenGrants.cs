using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>
/// Turns requested scopes into the access entries a token gets: each requested action the caller may have, and
/// nothing else. Asking for more is not an error; scopes with invalid names or unknown types grant nothing.
/// </summary>
internal static class TokenGrants
{
    /// <param name="mirrored">
    /// Names pulled through a registry mirror that the caller may pull from there (<see cref="IMirrorAccess"/>): they
    /// get pull too, and each pull is checked again on the mirror's repository (<see cref="IAccessGate.AuthorizeMirrorAsync"/>).
    /// </param>
    /// <param name="deployable">
    /// Names below a docker virtual repository whose deployment repository the caller may push to: they get push too,
    /// and each push is checked again on the deployment repository.
    /// </param>
    public static List<GrantedAccess> Grant(Caller caller, Permissions permissions, IEnumerable<ScopeRequest> requests, IReadOnlySet<string>? mirrored = null, IReadOnlySet<string>? deployable = null)
    {
        var repositories = new Dictionary<string, AccessAction>(StringComparer.Ordinal);
        bool catalog = false;
        bool management = false;
        foreach (ScopeRequest request in requests)
        {
            if (request.Type == GrantedAccess.RegistryType)
            {
                catalog |= request.Name == GrantedAccess.CatalogName && request.Actions.Contains("*") && !caller.IsAnonymous;
                management |= request.Name == GrantedAccess.ManagementName && request.Actions.Contains("*") && !caller.IsAnonymous;
                continue;
            }

            if (request.Type != GrantedAccess.RepositoryType || !RepositoryName.TryParse(request.Name, out RepositoryName? repository))
            {
                continue;
            }

            AccessAction asked = AccessAction.None;
            foreach (string action in request.Actions)
            {
                asked |= ScopeRequest.ActionOf(action);
            }

            AccessAction granted = asked & (permissions.On(repository) | (mirrored?.Contains(repository.Value) == true ? AccessAction.Pull : AccessAction.None)
                | (deployable?.Contains(repository.Value) == true ? AccessAction.Push : AccessAction.None));
            if (granted != AccessAction.None)
            {
                repositories[repository.Value] = repositories.GetValueOrDefault(repository.Value) | granted;
            }
        }

        var access = new List<GrantedAccess>(repositories.Count + 1);
        foreach ((string name, AccessAction actions) in repositories)
        {
            access.Add(new GrantedAccess(GrantedAccess.RepositoryType, name, ScopeRequest.NamesOf(actions)));
        }

        if (catalog)
        {
            access.Add(new GrantedAccess(GrantedAccess.RegistryType, GrantedAccess.CatalogName, ["*"]));
        }

        if (management)
        {
            // What the caller may do there is decided by its roles; the entry only lets the token be used there.
            access.Add(new GrantedAccess(GrantedAccess.RegistryType, GrantedAccess.ManagementName, ["*"]));
        }

        return access;
    }
}
