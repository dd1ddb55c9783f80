using Registry.Api.Management.Models;
using Registry.Core.Access;

namespace Registry.Api.Management;

/// <summary>
/// Role grants and public scopes. Whoever holds the admin role on a scope (globally, on its namespace, or on the
/// repository) may grant roles on it and mark it public; only global admins grant global roles.
/// </summary>
internal static class RoleEndpoints
{
    public static RouteGroupBuilder MapRoleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/users/{name}/roles", ListAsync);
        api.MapPut("/users/{name}/roles", GrantAsync);
        api.MapDelete("/users/{name}/roles", RevokeAsync);
        api.MapGet("/public", ListPublicAsync);
        api.MapPut("/public", SetPublicAsync);
        api.MapDelete("/public", UnsetPublicAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(string name, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || (!caller.Permissions.IsGlobalAdmin && !(caller.IsUser && caller.Caller.Subject == name)))
        {
            return error ?? ManagementCaller.Denied("reading another user's roles needs the global admin role");
        }

        IReadOnlyList<RoleGrant> grants = await services.Store.ListGrantsAsync(name, context.RequestAborted);
        return Results.Ok(grants.Select(RoleModel.From).ToList());
    }

    private static async Task<IResult> GrantAsync(string name, RoleRequest request, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        if (!ScopeModel.TryToScope(request.Kind, request.Scope, out AccessScope scope, out string? problem))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        if (!Roles.TryParse(request.Role, out Role? role))
        {
            return ManagementCaller.BadRequest($"role must be reader, developer, maintainer or admin, not '{request.Role}'");
        }

        if (MayAdminister(caller, scope) is { } denied)
        {
            return denied;
        }

        if (await services.Store.GetUserAsync(name, context.RequestAborted) is null)
        {
            return ManagementCaller.NotFound($"no user '{name}'");
        }

        var grant = new RoleGrant(name, scope, role.Value, services.Time.GetUtcNow(), caller.Caller.Subject);
        await services.Store.SetGrantAsync(grant, context.RequestAborted);
        await services.Directory.InvalidateAsync(context.RequestAborted);
        services.Audit.Record(context, "role.grant", name, $"{role.Value.ToName()} on {scope}");
        return Results.Ok(RoleModel.From(grant));
    }

    private static async Task<IResult> RevokeAsync(string name, string? kind, string? scope, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        if (!ScopeModel.TryToScope(kind, scope, out AccessScope target, out string? problem))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        if (MayAdminister(caller, target) is { } denied)
        {
            return denied;
        }

        if (target.Kind == ScopeKind.Global && caller.IsUser && caller.Caller.Subject == name)
        {
            return ManagementCaller.BadRequest("you cannot remove your own global role");
        }

        if (!await services.Store.RemoveGrantAsync(name, target, context.RequestAborted))
        {
            return ManagementCaller.NotFound($"user '{name}' holds no role on {target}");
        }

        await services.Directory.InvalidateAsync(context.RequestAborted);
        services.Audit.Record(context, "role.revoke", name, $"on {target}");
        return Results.NoContent();
    }

    private static async Task<IResult> ListPublicAsync(HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        IReadOnlyList<AccessScope> scopes = await services.Store.ListPublicScopesAsync(context.RequestAborted);
        return Results.Ok(scopes.Select(ScopeModel.From).ToList());
    }

    private static Task<IResult> SetPublicAsync(ScopeModel request, HttpContext context, ManagementServices services)
        => ChangePublicAsync(request.Kind, request.Name, isPublic: true, context, services);

    private static Task<IResult> UnsetPublicAsync(string? kind, string? name, HttpContext context, ManagementServices services)
        => ChangePublicAsync(kind, name, isPublic: false, context, services);

    private static async Task<IResult> ChangePublicAsync(string? kind, string? name, bool isPublic, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        if (!ScopeModel.TryToScope(kind, name, out AccessScope scope, out string? problem))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        if (MayAdminister(caller, scope) is { } denied)
        {
            return denied;
        }

        bool changed = await services.Store.SetPublicAsync(scope, isPublic, context.RequestAborted);
        await services.Directory.InvalidateAsync(context.RequestAborted);
        if (changed)
        {
            services.Audit.Record(context, isPublic ? "public.set" : "public.unset", scope.ToString());
        }

        return isPublic ? Results.Ok(ScopeModel.From(scope)) : Results.NoContent();
    }

    /// <summary>Null when the caller holds the admin role over the whole scope (CI tokens never do), else the 403.</summary>
    private static IResult? MayAdminister(ManagementCaller caller, AccessScope scope)
        => caller.IsUser && (caller.Permissions.OnScope(scope) & AccessAction.Administer) != 0
            ? null
            : ManagementCaller.Denied($"managing roles and visibility on {scope} needs the admin role there");
}
