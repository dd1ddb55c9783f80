using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Access;

namespace Registry.Api.Management;

/// <summary>
/// What a new CI token may be: a valid expiry within <c>Registry:Auth:CiTokenMaxLifetime</c>, actions among pull,
/// push and delete, and namespaces on every repository of which its creator may do those actions themselves.
/// Shared by <c>POST /api/v1/tokens</c> and the console.
/// </summary>
internal static class CiTokenRules
{
    public static CiTokenProblem? Check(CreateCiTokenRequest request, Permissions permissions, AuthSettings settings, DateTimeOffset now, out AccessAction actions, out DateTimeOffset expiresAt)
    {
        actions = AccessAction.None;
        if (request.ExpiresInDays is { } requestedDays && (requestedDays < 1 || requestedDays > settings.CiTokenMaxLifetime.TotalDays))
        {
            // Checked before any date arithmetic: a huge number of days overflows TimeSpan and DateTimeOffset.
            expiresAt = default;
            return CiTokenProblem.Invalid($"expiresInDays is from 1 to {settings.CiTokenMaxLifetime.TotalDays:0} (Registry:Auth:CiTokenMaxLifetime)");
        }

        expiresAt = request.ExpiresAt ?? now + (request.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : settings.CiTokenDefaultLifetime);
        if (expiresAt <= now)
        {
            return CiTokenProblem.Invalid("the expiry must be in the future");
        }

        if (expiresAt > now + settings.CiTokenMaxLifetime)
        {
            return CiTokenProblem.Invalid($"a CI token may live at most {settings.CiTokenMaxLifetime.TotalDays:0} days (Registry:Auth:CiTokenMaxLifetime)");
        }

        foreach (string action in request.Actions ?? [])
        {
            AccessAction parsed = action is "pull" or "push" or "delete" ? ScopeRequest.ActionOf(action) : AccessAction.None;
            if (parsed == AccessAction.None)
            {
                return CiTokenProblem.Invalid($"actions are pull, push and delete, not '{action}'");
            }

            actions |= parsed;
        }

        if (actions == AccessAction.None || request.Namespaces is not { Count: > 0 })
        {
            return CiTokenProblem.Invalid("a CI token needs at least one namespace (or \"*\") and one action");
        }

        foreach (string ns in request.Namespaces)
        {
            AccessScope scope;
            if (ns == CiTokenRecord.AllNamespaces)
            {
                scope = AccessScope.Global;
            }
            else if (AccessScope.TryCreate(ScopeKind.Namespace, ns, out AccessScope? parsed))
            {
                scope = parsed.Value;
            }
            else
            {
                return CiTokenProblem.Invalid($"'{ns}' is not a namespace (one repository path component, or \"*\")");
            }

            if ((permissions.OnScope(scope) & actions) != actions)
            {
                return CiTokenProblem.Refused($"you may not {string.Join(", ", ScopeRequest.NamesOf(actions))} on every repository of {scope}, so a token of yours may not either");
            }
        }

        return null;
    }
}
