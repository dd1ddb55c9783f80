using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Access;

namespace Registry.Api.Management;

/// <summary>
/// CI tokens. A user creates tokens for what they may do themselves (the actions on every namespace named); the
/// secret is in the creation response only. Owners and global admins list and revoke them.
/// </summary>
internal static class CiTokenEndpoints
{
    public static RouteGroupBuilder MapCiTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens", ListAsync);
        api.MapPost("/tokens", CreateAsync);
        api.MapGet("/tokens/{id}", GetAsync);
        api.MapDelete("/tokens/{id}", RevokeAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(string? owner, HttpContext context, ManagementServices services)
    {
        ManagementCaller caller = ManagementCaller.From(context);
        if (!caller.IsUser)
        {
            return ManagementCaller.Denied("CI tokens are managed by users");
        }

        if (!caller.Permissions.IsGlobalAdmin && owner != caller.Caller.Subject)
        {
            if (owner is not null)
            {
                return ManagementCaller.Denied("listing another user's CI tokens needs the global admin role");
            }

            owner = caller.Caller.Subject;
        }

        await services.TokenUsage.FlushAsync(context.RequestAborted);
        IReadOnlyList<CiTokenRecord> tokens = await services.Store.ListCiTokensAsync(owner, context.RequestAborted);
        return TypedResults.Ok(tokens.Select(t => CiTokenModel.From(t)).ToList());
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string id, HttpContext context, ManagementServices services)
    {
        await services.TokenUsage.FlushAsync(context.RequestAborted);
        CiTokenRecord? token = await services.Store.GetCiTokenAsync(id, context.RequestAborted);
        return token is null || !MayManage(caller, token)
            ? ManagementCaller.NotFound($"no CI token '{id}' of yours")
            : TypedResults.Ok(CiTokenModel.From(token));
    }

    private static async Task<IResult> CreateAsync(CreateCiTokenRequest request, HttpContext context, ManagementServices services)
    {
        ManagementCaller caller = ManagementCaller.From(context);
        if (!caller.IsUser)
        {
            return ManagementCaller.Denied("CI tokens are created by users, not by other CI tokens");
        }

        var tokenRequest = new CiTokenRequest(request.Name, request.Namespaces, request.Actions, request.ExpiresAt, request.ExpiresInDays,
            services.Auth.CiTokenDefaultLifetime, services.Auth.CiTokenMaxLifetime);
        (AccessChangeResult result, CiTokenRecord? token, string? secret) = await Access(context).CreateCiTokenAsync(context.GetActor(), caller.Permissions, tokenRequest, context.RequestAborted);
        return result.Succeeded ? TypedResults.Created($"/api/v1/tokens/{token!.Id}", CiTokenModel.From(token, secret)) : UserEndpoints.Refusal(result);
    }

    private static async Task<IResult> RevokeAsync(ManagementCaller caller, string id, HttpContext context, ManagementServices services)
    {
        (AccessChangeResult result, _) = await Access(context).RevokeCiTokenAsync(context.GetActor(), caller.Permissions, id, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : UserEndpoints.Refusal(result);
    }

    private static AccessAdministration Access(HttpContext context) => context.RequestServices.GetRequiredService<AccessAdministration>();

    private static bool MayManage(ManagementCaller caller, CiTokenRecord token)
        => caller.Permissions.IsGlobalAdmin || (caller.IsUser && token.Owner == caller.Caller.Subject);
}
