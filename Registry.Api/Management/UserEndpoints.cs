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
        api.MapGet("/users", ListAsync);
        api.MapPost("/users", CreateAsync);
        api.MapGet("/users/{name}", GetAsync);
        api.MapPatch("/users/{name}", UpdateAsync);
        api.MapDelete("/users/{name}", DeleteAsync);
        api.MapPut("/users/{name}/password", SetPasswordAsync);
        return api;
    }

    private static async Task<IResult> MeAsync(HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        IReadOnlyList<RoleGrant> grants = caller.IsUser ? await services.Store.ListGrantsAsync(caller.Caller.Subject, ct) : [];
        CiTokenRecord? token = caller.Caller.CiTokenId is { } id ? await services.Store.GetCiTokenAsync(id, ct) : null;
        return Results.Ok(new MeModel(
            caller.Caller.Subject,
            caller.Caller.Kind switch { CallerKind.User => "user", CallerKind.CiToken => "ci-token", _ => "anonymous" },
            caller.Permissions.IsGlobalAdmin,
            [.. grants.Select(RoleModel.From)],
            token is null ? null : CiTokenModel.From(token)));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || !caller.Permissions.IsGlobalAdmin)
        {
            return error ?? ManagementCaller.Denied("listing users needs the global admin role");
        }

        IReadOnlyList<RoleGrant> grants = await services.Store.ListGrantsAsync(null, context.RequestAborted);
        IReadOnlyList<UserRecord> users = await services.Store.ListUsersAsync(context.RequestAborted);
        return Results.Ok(users.Select(u => UserModel.From(u, grants)).ToList());
    }

    private static async Task<IResult> GetAsync(string name, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || (!caller.Permissions.IsGlobalAdmin && !IsSelf(caller, name)))
        {
            return error ?? ManagementCaller.Denied("reading another user needs the global admin role");
        }

        UserRecord? user = await services.Store.GetUserAsync(name, context.RequestAborted);
        return user is null
            ? ManagementCaller.NotFound($"no user '{name}'")
            : Results.Ok(UserModel.From(user, await services.Store.ListGrantsAsync(name, context.RequestAborted)));
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest request, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || !caller.Permissions.IsGlobalAdmin)
        {
            return error ?? ManagementCaller.Denied("creating users needs the global admin role");
        }

        if (!AccountNames.IsValid(request.Name))
        {
            return ManagementCaller.BadRequest($"user name '{request.Name}' is not valid: {AccountNames.Rule}");
        }

        if (PasswordProblem(request.Password) is { } problem)
        {
            return ManagementCaller.BadRequest(problem);
        }

        DateTimeOffset now = services.Time.GetUtcNow();
        var user = new UserRecord(request.Name!, Passwords.Hash(request.Password!), false, now, now);
        if (!await services.Store.CreateUserAsync(user, context.RequestAborted))
        {
            return ManagementCaller.Conflict($"user '{request.Name}' exists already");
        }

        await services.Directory.InvalidateAsync(context.RequestAborted);
        services.Audit.Record(context, "user.create", user.Name);
        return Results.Created($"/api/v1/users/{user.Name}", UserModel.From(user, []));
    }

    private static async Task<IResult> UpdateAsync(string name, UpdateUserRequest request, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || !caller.Permissions.IsGlobalAdmin)
        {
            return error ?? ManagementCaller.Denied("changing users needs the global admin role");
        }

        if (request.Disabled == true && IsSelf(caller, name))
        {
            return ManagementCaller.BadRequest("you cannot disable your own account");
        }

        if (!await services.Store.UpdateUserAsync(name, null, request.Disabled, services.Time.GetUtcNow(), context.RequestAborted))
        {
            return ManagementCaller.NotFound($"no user '{name}'");
        }

        await services.Directory.InvalidateAsync(context.RequestAborted);
        if (request.Disabled is { } disabled)
        {
            services.Audit.Record(context, disabled ? "user.disable" : "user.enable", name);
        }

        return await GetAsync(name, context, services);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || !caller.Permissions.IsGlobalAdmin)
        {
            return error ?? ManagementCaller.Denied("deleting users needs the global admin role");
        }

        if (IsSelf(caller, name))
        {
            return ManagementCaller.BadRequest("you cannot delete your own account");
        }

        if (!await DeleteAccountAsync(name, context, services.Directory, services.Audit, services.Time))
        {
            return ManagementCaller.NotFound($"no user '{name}'");
        }

        return Results.NoContent();
    }

    private static async Task<IResult> SetPasswordAsync(string name, PasswordRequest request, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        bool self = IsSelf(caller, name);
        if (!self && !caller.Permissions.IsGlobalAdmin)
        {
            return ManagementCaller.Denied("changing another user's password needs the global admin role");
        }

        if (PasswordProblem(request.Password) is { } problem)
        {
            return ManagementCaller.BadRequest(problem);
        }

        UserRecord? user = await services.Store.GetUserAsync(name, context.RequestAborted);
        if (user is null)
        {
            return ManagementCaller.NotFound($"no user '{name}'");
        }

        if (self && (request.CurrentPassword is null || Passwords.Verify(user.PasswordHash, request.CurrentPassword) == Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed))
        {
            services.Audit.Record(context, "user.password", name, "current password missing or wrong", success: false);
            return ManagementCaller.Denied("currentPassword is missing or wrong");
        }

        await services.Store.UpdateUserAsync(name, Passwords.Hash(request.Password!), null, services.Time.GetUtcNow(), context.RequestAborted);
        await services.Directory.InvalidateAsync(context.RequestAborted);
        services.Audit.Record(context, "user.password", name);
        return Results.NoContent();
    }

    private static bool IsSelf(ManagementCaller caller, string name) => caller.IsUser && caller.Caller.Subject == name;

    /// <summary>Too short, or starting like a CI token secret (Basic credentials with such a password are checked as a CI token, so it could never sign in).</summary>
    /// <summary>
    /// Deletes the user with their roles and revokes their CI tokens (a deleted user's robots go with them), audited
    /// as the request's caller; false when there is no such user. Shared with the web console.
    /// </summary>
    internal static async Task<bool> DeleteAccountAsync(string name, HttpContext context, AccessDirectory directory, AuditLog audit, TimeProvider time)
    {
        if (!await directory.Store.DeleteUserAsync(name, context.RequestAborted))
        {
            return false;
        }

        DateTimeOffset now = time.GetUtcNow();
        foreach (CiTokenRecord token in await directory.Store.ListCiTokensAsync(name, context.RequestAborted))
        {
            if (token.RevokedAt is null && await directory.Store.RevokeCiTokenAsync(token.Id, now, context.RequestAborted))
            {
                audit.Record(context, "token.revoke", Permissions.TokenSubject(token.Name), $"owner '{name}' deleted");
            }
        }

        await directory.InvalidateAsync(context.RequestAborted);
        audit.Record(context, "user.delete", name);
        return true;
    }

    internal static string? PasswordProblem(string? password)
        => password is null || password.Length < Passwords.MinLength ? $"the password must have at least {Passwords.MinLength} characters"
            : CiTokenSecret.LooksLikeSecret(password) ? $"a password may not start with '{CiTokenSecret.Prefix}', which marks CI token secrets"
            : null;
}
