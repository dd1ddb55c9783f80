using Registry.Api.Management.Access;
using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Access;

namespace Registry.Api.Management;

/// <summary>Users: global admins manage them; every user may read themselves and change their own password.</summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync);
        api.MapGet("/users", ListAsync).RequireGlobalAdmin("listing users");
        api.MapPost("/users", CreateAsync);
        api.MapGet("/users/{name}", GetAsync);
        api.MapPatch("/users/{name}", UpdateAsync).RequireGlobalAdmin("changing users");
        api.MapDelete("/users/{name}", DeleteAsync);
        api.MapPut("/users/{name}/password", SetPasswordAsync);
        return api;
    }

    private static async Task<IResult> MeAsync(ManagementCaller caller, HttpContext context, ManagementServices services)
    {
        CancellationToken ct = context.RequestAborted;
        IReadOnlyList<RoleGrant> grants = caller.IsUser ? await services.Store.ListGrantsAsync(caller.Caller.Subject, ct) : [];
        CiTokenRecord? token = caller.Caller.CiTokenId is { } id ? await services.Store.GetCiTokenAsync(id, ct) : null;
        return TypedResults.Ok(new MeModel(
            caller.Caller.Subject,
            caller.Caller.Kind switch { CallerKind.User => "user", CallerKind.CiToken => "ci-token", _ => "anonymous" },
            caller.Permissions.IsGlobalAdmin,
            [.. grants.Select(RoleModel.From)],
            token is null ? null : CiTokenModel.From(token)));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ManagementServices services)
    {
        IReadOnlyList<RoleGrant> grants = await services.Store.ListGrantsAsync(null, context.RequestAborted);
        IReadOnlyList<UserRecord> users = await services.Store.ListUsersAsync(context.RequestAborted);
        return TypedResults.Ok(users.Select(u => UserModel.From(u, grants)).ToList());
    }

    private static async Task<IResult> GetAsync(string name, HttpContext context, ManagementServices services)
    {
        ManagementCaller caller = ManagementCaller.From(context);
        if ((!caller.Permissions.IsGlobalAdmin && !IsSelf(caller, name)))
        {
            return ManagementCaller.Denied("reading another user needs the global admin role");
        }

        UserRecord? user = await services.Store.GetUserAsync(name, context.RequestAborted);
        return user is null
            ? ManagementCaller.NotFound($"no user '{name}'")
            : TypedResults.Ok(UserModel.From(user, await services.Store.ListGrantsAsync(name, context.RequestAborted)));
    }

    private static async Task<IResult> CreateAsync(ManagementCaller caller, CreateUserRequest request, HttpContext context, ManagementServices services)
    {
        (AccessChangeResult result, UserRecord? user) = await Access(context).CreateUserAsync(context.GetActor(), caller.Permissions, request.Name, request.Password, context.RequestAborted);
        return result.Succeeded ? TypedResults.Created($"/api/v1/users/{user!.Name}", UserModel.From(user, [])) : Refusal(result);
    }

    private static async Task<IResult> UpdateAsync(ManagementCaller caller, string name, UpdateUserRequest request, HttpContext context, ManagementServices services)
    {
        if (request.Disabled is { } disabled)
        {
            AccessChangeResult result = await Access(context).SetDisabledAsync(context.GetActor(), caller.Permissions, name, disabled, context.RequestAborted);
            if (!result.Succeeded)
            {
                return Refusal(result);
            }
        }

        return await GetAsync(name, context, services);
    }

    private static async Task<IResult> DeleteAsync(ManagementCaller caller, string name, HttpContext context, ManagementServices services)
    {
        AccessChangeResult result = await Access(context).DeleteUserAsync(context.GetActor(), caller.Permissions, name, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : Refusal(result);
    }

    private static async Task<IResult> SetPasswordAsync(ManagementCaller caller, string name, PasswordRequest request, HttpContext context, ManagementServices services)
    {
        AccessChangeResult result = await Access(context).SetPasswordAsync(context.GetActor(), caller.Permissions, name, request.Password, request.CurrentPassword, context.RequestAborted);
        if (result.Status == AccessChangeStatus.WrongPassword)
        {
            services.Audit.Record(context, "user.password", name, "current password missing or wrong", success: false);
        }

        return result.Succeeded ? TypedResults.NoContent() : Refusal(result);
    }

    private static bool IsSelf(ManagementCaller caller, string name) => caller.IsUser && caller.Caller.Subject == name;

    private static AccessAdministration Access(HttpContext context) => context.RequestServices.GetRequiredService<AccessAdministration>();

    /// <summary>The response for a change the access service refused. Shared by the role and CI token endpoints.</summary>
    internal static IResult Refusal(AccessChangeResult result) => result.Status switch
    {
        AccessChangeStatus.Denied or AccessChangeStatus.WrongPassword => ManagementCaller.Denied(result.Message!),
        AccessChangeStatus.NotFound => ManagementCaller.NotFound(result.Message!),
        AccessChangeStatus.Conflict => ManagementCaller.Conflict(result.Message!),
        _ => ManagementCaller.BadRequest(result.Field ?? result.Status switch
        {
            AccessChangeStatus.InvalidPassword => "password",
            _ => "name",
        }, result.Message!),
    };
}
