using System.Globalization;

namespace Registry.Core.Access;

/// <summary>
/// What a new CI token may be: a valid expiry within <c>Registry:Auth:CiTokenMaxLifetime</c>, actions among pull,
/// push and delete, and namespaces on every repository of which its creator may do those actions themselves.
/// </summary>
public static class CiTokenRules
{
    /// <summary>Null when the token may be created, else the problem (<see cref="AccessChangeStatus.Invalid"/> or <see cref="AccessChangeStatus.Denied"/>).</summary>
    public static AccessChangeResult? Check(CiTokenRequest request, Permissions permissions, DateTimeOffset now, out AccessAction actions, out DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(permissions);
        actions = AccessAction.None;
        TimeSpan max = request.MaxLifetime;
        if (request.ExpiresInDays is { } requestedDays && (requestedDays < 1 || requestedDays > max.TotalDays))
        {
            // Checked before any date arithmetic: a huge number of days overflows TimeSpan and DateTimeOffset.
            expiresAt = default;
            return Invalid("expiresInDays", string.Create(CultureInfo.CurrentCulture, $"expiresInDays is from 1 to {max.TotalDays:0} (Registry:Auth:CiTokenMaxLifetime)"));
        }

        expiresAt = request.ExpiresAt ?? now + (request.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : request.DefaultLifetime);
        if (expiresAt <= now)
        {
            return Invalid(request.ExpiresAt is null ? "expiresInDays" : "expiresAt", "the expiry must be in the future");
        }

        if (expiresAt > now + max)
        {
            return Invalid(request.ExpiresAt is null ? "expiresInDays" : "expiresAt", string.Create(CultureInfo.CurrentCulture, $"a CI token may live at most {max.TotalDays:0} days (Registry:Auth:CiTokenMaxLifetime)"));
        }

        foreach (string action in request.Actions ?? [])
        {
            AccessAction parsed = action switch
            {
                "pull" => AccessAction.Pull,
                "push" => AccessAction.Push,
                "delete" => AccessAction.Delete,
                _ => AccessAction.None,
            };
            if (parsed == AccessAction.None)
            {
                return Invalid("actions", $"actions are pull, push and delete, not '{action}'");
            }

            actions |= parsed;
        }

        if (actions == AccessAction.None || request.Namespaces is not { Count: > 0 })
        {
            return Invalid(actions == AccessAction.None ? "actions" : "namespaces", "a CI token needs at least one namespace (or \"*\") and one action");
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
                return Invalid("namespaces", $"'{ns}' is not a namespace (one repository path component, or \"*\")");
            }

            if ((permissions.OnScope(scope) & actions) != actions)
            {
                return new AccessChangeResult(AccessChangeStatus.Denied,
                    $"you may not {string.Join(", ", NamesOf(actions))} on every repository of {scope}, so a token of yours may not either");
            }
        }

        return null;
    }

    /// <summary>Action names for a set of repository actions, in the order pull, push, delete.</summary>
    public static List<string> NamesOf(AccessAction actions)
    {
        var names = new List<string>(3);
        if ((actions & AccessAction.Pull) != 0)
        {
            names.Add("pull");
        }

        if ((actions & AccessAction.Push) != 0)
        {
            names.Add("push");
        }

        if ((actions & AccessAction.Delete) != 0)
        {
            names.Add("delete");
        }

        return names;
    }

    private static AccessChangeResult Invalid(string field, string message) => new(AccessChangeStatus.Invalid, message, field);
}
