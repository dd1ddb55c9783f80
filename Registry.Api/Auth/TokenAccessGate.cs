using Registry.Api.Http;
using Registry.Core.Access;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Api.Oci;

namespace Registry.Api.Auth;

/// <summary>
/// Authorizes distribution API requests. A request with a bearer token may do what the token's access entries
/// allow; with Basic credentials or none, what the caller's current roles (or public scopes) allow. When the token
/// lacks a scope the caller could get, the answer is a 401 challenge naming it (Docker clients then fetch a new
/// token); when the caller may not have it at all, 403 DENIED says who may not do what.
/// </summary>
internal sealed class TokenAccessGate(AccessDirectory directory, RegistryChallenge challenge) : IAccessGate
{
    public async ValueTask<IResult?> AuthorizeAsync(HttpContext context, RepositoryName? repository, RegistryAction action)
    {
        CallerFeature? feature = context.Features.Get<CallerFeature>();
        if (feature?.Failure is { } failure)
        {
            return failure.RetryAfter is not null
                ? RegistryChallenge.TooManyLogins(failure)
                : challenge.Unauthorized(context, ScopeFor(repository, action), "invalid_token", $"authentication failed: {failure.Reason}");
        }

        Caller caller = feature?.Caller ?? Caller.Anonymous;
        if (repository is null)
        {
            return AuthorizeRegistry(context, caller, action);
        }

        AccessAction needed = action switch
        {
            RegistryAction.Pull => AccessAction.Pull,
            RegistryAction.Push => AccessAction.Push,
            _ => AccessAction.Delete,
        };
        CancellationToken ct = context.RequestAborted;
        if (caller.TokenAccess is { } presented ? presented.Allows(repository, needed) : (await directory.GetPermissionsAsync(caller, ct)).Allows(repository, needed))
        {
            return null;
        }

        string scope = ScopeFor(repository, action)!;
        if (caller.IsAnonymous)
        {
            return challenge.Unauthorized(context, scope, caller.TokenAccess is null ? null : "insufficient_scope", "authentication required");
        }

        Permissions current = await directory.GetPermissionsAsync(caller, ct);
        if (caller.TokenAccess is not null && current.Allows(repository, needed))
        {
            return challenge.Unauthorized(context, scope, "insufficient_scope", $"the token does not grant {Verb(needed)} on '{repository}'; request a token with scope {scope}");
        }

        return OciResults.Error(OciErrorCode.Denied, null, null, DeniedMessage(caller, repository, needed));
    }

    public async ValueTask<IResult?> AuthorizeMirrorAsync(HttpContext context, RepositoryName requested, RepositoryName mapped, RegistryAction action)
    {
        CallerFeature? feature = context.Features.Get<CallerFeature>();
        if (feature?.Failure is not null)
        {
            return await AuthorizeAsync(context, requested, action);
        }

        AccessAction needed = action == RegistryAction.Push ? AccessAction.Push : AccessAction.Pull;
        Caller caller = feature?.Caller ?? Caller.Anonymous;
        Permissions current = await directory.GetPermissionsAsync(caller, context.RequestAborted);
        bool tokenNames = caller.TokenAccess is not { } presented
            || presented.Allows(requested, needed) || presented.Allows(mapped, needed);
        if (current.Allows(mapped, needed) && tokenNames)
        {
            return null;
        }

        string scope = ScopeFor(requested, action)!;
        if (caller.IsAnonymous || current.Allows(mapped, needed))
        {
            return challenge.Unauthorized(context, scope, caller.TokenAccess is null ? null : "insufficient_scope", $"{Verb(needed)}ing '{requested}' needs {Verb(needed)} on '{mapped}'");
        }

        return OciResults.Error(OciErrorCode.Denied, null, null, DeniedMessage(caller, mapped, needed));
    }

    public async ValueTask<MountSourceAccess> AuthorizeMountSourceAsync(HttpContext context, RepositoryName target, RepositoryName source)
    {
        Caller caller = context.GetCaller();
        CancellationToken ct = context.RequestAborted;
        if (caller.TokenAccess is { } presented)
        {
            if (presented.Allows(source, AccessAction.Pull))
            {
                return MountSourceAccess.Allowed;
            }

            // The token was asked for the target only. Challenge with both scopes when the token endpoint would grant
            // the source too, so that a client following the challenge mounts instead of uploading again.
            return (await directory.GetPermissionsAsync(caller, ct)).Allows(source, AccessAction.Pull)
                ? MountSourceAccess.Challenge(challenge.Unauthorized(
                    context,
                    $"{ScopeFor(target, RegistryAction.Push)} {ScopeFor(source, RegistryAction.Pull)}",
                    "insufficient_scope",
                    $"mounting from '{source}' needs a token that also grants pull on it; request scopes {ScopeFor(target, RegistryAction.Push)} and {ScopeFor(source, RegistryAction.Pull)}"))
                : MountSourceAccess.Refused;
        }

        return (await directory.GetPermissionsAsync(caller, ct)).Allows(source, AccessAction.Pull)
            ? MountSourceAccess.Allowed
            : MountSourceAccess.Refused;
    }

    public async ValueTask<Func<string, bool>?> GetRepositoryFilterAsync(HttpContext context)
    {
        Permissions permissions = await directory.GetPermissionsAsync(context.GetCaller(), context.RequestAborted);
        return permissions.SeesEverything
            ? null
            : name => RepositoryName.TryParse(name, out RepositoryName? repository) && permissions.Allows(repository, AccessAction.Pull);
    }

    private IResult? AuthorizeRegistry(HttpContext context, Caller caller, RegistryAction action)
    {
        if (action == RegistryAction.Catalog)
        {
            if (caller.IsAnonymous)
            {
                return challenge.Unauthorized(context, "registry:catalog:*", caller.TokenAccess is null ? null : "insufficient_scope", "authentication required to list repositories");
            }

            return caller.TokenAccess is { Catalog: false }
                ? challenge.Unauthorized(context, "registry:catalog:*", "insufficient_scope", "the token does not grant registry:catalog:*")
                : null;
        }

        // GET /v2/: clients probe it to learn how to authenticate; anonymous callers without a token get the challenge.
        return caller.IsAnonymous && caller.TokenAccess is null
            ? challenge.Unauthorized(context, null, null, "authentication required")
            : null;
    }

    private static string? ScopeFor(RepositoryName? repository, RegistryAction action) => (repository, action) switch
    {
        (null, RegistryAction.Catalog) => "registry:catalog:*",
        (null, _) => null,
        (_, RegistryAction.Pull) => $"repository:{repository}:pull",
        (_, RegistryAction.Push) => $"repository:{repository}:pull,push",
        _ => $"repository:{repository}:delete",
    };

    private static string Verb(AccessAction action) => action switch
    {
        AccessAction.Pull => "pull",
        AccessAction.Push => "push",
        _ => "delete",
    };

    private static string DeniedMessage(Caller caller, RepositoryName repository, AccessAction needed)
    {
        string verb = Verb(needed);
        if (caller.Kind == CallerKind.CiToken)
        {
            return $"CI token '{caller.CiTokenName}' may not {verb} on '{repository}': it is not scoped to {verb} in namespace '{repository.Namespace}'";
        }

        string role = needed switch
        {
            AccessAction.Pull => "reader",
            AccessAction.Push => "developer",
            _ => "maintainer",
        };
        return $"user '{caller.Subject}' may not {verb} on '{repository}': that needs the {role} role on the repository or its namespace '{repository.Namespace}'";
    }
}
