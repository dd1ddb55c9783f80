using Microsoft.AspNetCore.Mvc;
using Registry.Api.Http;
using Registry.Api.Management.Problems;
using Registry.Api.Auth;
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
        ManagementCaller caller = ManagementCaller.From(context);
        if ((!caller.Permissions.IsGlobalAdmin && !(caller.IsUser && caller.Caller.Subject == name)))
        {
            return ManagementCaller.Denied("reading another user's roles needs the global admin role");
        }

        IReadOnlyList<RoleGrant> grants = await services.Store.ListGrantsAsync(name, context.RequestAborted);
        return TypedResults.Ok(grants.Select(RoleModel.From).ToList());
    }

    private static async Task<IResult> GrantAsync(ManagementCaller caller, string name, RoleRequest request, HttpContext context, ManagementServices services)
    {
        if (!ScopeName(request.Name, request.Scope, out string? scopeName, out InputProblem? problem)
            || !ScopeModel.TryToScope(request.Kind, scopeName, out AccessScope scope, out problem, request.Name is null && request.Scope is not null ? "scope" : "name"))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        if (!Roles.TryParse(request.Role, out Role? role))
        {
            return ManagementCaller.BadRequest("role", $"role must be reader, developer, maintainer or admin, not '{request.Role}'");
        }

        (AccessChangeResult result, RoleGrant? grant) = await Access(context).GrantRoleAsync(context.GetActor(), caller.Permissions, name, scope, role.Value, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(RoleModel.From(grant!)) : UserEndpoints.Refusal(result);
    }

    private static async Task<IResult> RevokeAsync(ManagementCaller caller, [FromRoute] string name, [FromQuery] string? kind, [FromQuery(Name = "name")] string? scopeName, [FromQuery] string? scope, HttpContext context, ManagementServices services)
    {
        if (!ScopeName(scopeName, scope, out string? targetName, out InputProblem? problem)
            || !ScopeModel.TryToScope(kind, targetName, out AccessScope target, out problem, scopeName is null && scope is not null ? "scope" : "name"))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        AccessChangeResult result = await Access(context).RevokeRoleAsync(context.GetActor(), caller.Permissions, name, target, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : UserEndpoints.Refusal(result);
    }

    /// <summary>The scope's name from <c>name</c>, or from its deprecated alias <c>scope</c>; both given must agree.</summary>
    private static bool ScopeName(string? name, string? deprecatedScope, out string? scopeName, out InputProblem? problem)
    {
        problem = null;
        scopeName = name ?? deprecatedScope;
        if (name is not null && deprecatedScope is not null && name != deprecatedScope)
        {
            problem = new InputProblem("name", $"name '{name}' and its deprecated alias scope '{deprecatedScope}' differ; send only name");
            return false;
        }

        return true;
    }

    private static async Task<IResult> ListPublicAsync(ManagementCaller caller, HttpContext context, ManagementServices services)
    {
        IReadOnlyList<AccessScope> scopes = await services.Store.ListPublicScopesAsync(context.RequestAborted);
        return TypedResults.Ok(scopes.Select(ScopeModel.From).ToList());
    }

    private static Task<IResult> SetPublicAsync(ScopeModel request, HttpContext context, ManagementServices services)
        => ChangePublicAsync(request.Kind, request.Name, isPublic: true, context, services);

    private static Task<IResult> UnsetPublicAsync(string? kind, string? name, HttpContext context, ManagementServices services)
        => ChangePublicAsync(kind, name, isPublic: false, context, services);

    private static async Task<IResult> ChangePublicAsync(string? kind, string? name, bool isPublic, HttpContext context, ManagementServices services)
    {
        if (!ScopeModel.TryToScope(kind, name, out AccessScope scope, out InputProblem? problem))
        {
            return ManagementCaller.BadRequest(problem!);
        }

        AccessChangeResult result = await Access(context).SetPublicAsync(context.GetActor(), ManagementCaller.From(context).Permissions, scope, isPublic, context.RequestAborted);
        return !result.Succeeded ? UserEndpoints.Refusal(result)
            : isPublic ? TypedResults.Ok(ScopeModel.From(scope)) : TypedResults.NoContent();
    }

    private static AccessAdministration Access(HttpContext context) => context.RequestServices.GetRequiredService<AccessAdministration>();
}
