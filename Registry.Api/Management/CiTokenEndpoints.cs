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
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || !caller.IsUser)
        {
            return error ?? ManagementCaller.Denied("CI tokens are managed by users");
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
        return Results.Ok(tokens.Select(t => CiTokenModel.From(t)).ToList());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        await services.TokenUsage.FlushAsync(context.RequestAborted);
        CiTokenRecord? token = await services.Store.GetCiTokenAsync(id, context.RequestAborted);
        return token is null || !MayManage(caller, token)
            ? ManagementCaller.NotFound($"no CI token '{id}' of yours")
            : Results.Ok(CiTokenModel.From(token));
    }

    private static async Task<IResult> CreateAsync(CreateCiTokenRequest request, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null || !caller.IsUser)
        {
            return error ?? ManagementCaller.Denied("CI tokens are created by users, not by other CI tokens");
        }

        if (!AccountNames.IsValid(request.Name))
        {
            return ManagementCaller.BadRequest($"token name '{request.Name}' is not valid: {AccountNames.Rule}");
        }

        if (CiTokenRules.Check(request, caller.Permissions, services.Options.Auth, services.Time.GetUtcNow(), out AccessAction actions, out DateTimeOffset expiresAt) is { } invalid)
        {
            return invalid.Denied ? ManagementCaller.Denied(invalid.Message) : ManagementCaller.BadRequest(invalid.Message);
        }

        (string id, string secret) = CiTokenSecret.Generate();
        var token = new CiTokenRecord(id, request.Name!, caller.Caller.Subject, CiTokenSecret.Hash(secret), [.. request.Namespaces!.Distinct()], actions,
            services.Time.GetUtcNow(), expiresAt, null, null);
        if (!await services.Store.CreateCiTokenAsync(token, context.RequestAborted))
        {
            return ManagementCaller.Conflict($"a CI token named '{request.Name}' exists already (names stay taken after revocation)");
        }

        await services.Directory.InvalidateAsync(context.RequestAborted);
        services.Audit.Record(context, "token.create", Permissions.TokenSubject(token.Name),
            $"{string.Join(',', ScopeRequest.NamesOf(actions))} on {string.Join(',', token.Namespaces)} until {expiresAt:O}");
        return Results.Created($"/api/v1/tokens/{id}", CiTokenModel.From(token, secret));
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        CiTokenRecord? token = await services.Store.GetCiTokenAsync(id, context.RequestAborted);
        if (token is null || !MayManage(caller, token))
        {
            return ManagementCaller.NotFound($"no CI token '{id}' of yours");
        }

        if (!await services.Store.RevokeCiTokenAsync(id, services.Time.GetUtcNow(), context.RequestAborted))
        {
            return ManagementCaller.Conflict($"CI token '{token.Name}' is revoked already");
        }

        await services.Directory.InvalidateAsync(context.RequestAborted);
        services.Audit.Record(context, "token.revoke", Permissions.TokenSubject(token.Name));
        return Results.NoContent();
    }

    private static bool MayManage(ManagementCaller caller, CiTokenRecord token)
        => caller.Permissions.IsGlobalAdmin || (caller.IsUser && token.Owner == caller.Caller.Subject);
}
