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

        if (Validate(request, caller, services, out AccessAction actions, out DateTimeOffset expiresAt) is { } invalid)
        {
            return invalid;
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

    private static IResult? Validate(CreateCiTokenRequest request, ManagementCaller caller, ManagementServices services, out AccessAction actions, out DateTimeOffset expiresAt)
    {
        actions = AccessAction.None;
        DateTimeOffset now = services.Time.GetUtcNow();
        AuthSettings settings = services.Options.Auth;
        if (request.ExpiresInDays is { } requestedDays && (requestedDays < 1 || requestedDays > settings.CiTokenMaxLifetime.TotalDays))
        {
            // Checked before any date arithmetic: a huge number of days overflows TimeSpan and DateTimeOffset.
            expiresAt = default;
            return ManagementCaller.BadRequest($"expiresInDays is from 1 to {settings.CiTokenMaxLifetime.TotalDays:0} (Registry:Auth:CiTokenMaxLifetime)");
        }

        expiresAt = request.ExpiresAt ?? now + (request.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : settings.CiTokenDefaultLifetime);
        if (expiresAt <= now)
        {
            return ManagementCaller.BadRequest("the expiry must be in the future");
        }

        if (expiresAt > now + settings.CiTokenMaxLifetime)
        {
            return ManagementCaller.BadRequest($"a CI token may live at most {settings.CiTokenMaxLifetime.TotalDays:0} days (Registry:Auth:CiTokenMaxLifetime)");
        }

        foreach (string action in request.Actions ?? [])
        {
            AccessAction parsed = action is "pull" or "push" or "delete" ? ScopeRequest.ActionOf(action) : AccessAction.None;
            if (parsed == AccessAction.None)
            {
                return ManagementCaller.BadRequest($"actions are pull, push and delete, not '{action}'");
            }

            actions |= parsed;
        }

        if (actions == AccessAction.None || request.Namespaces is not { Count: > 0 })
        {
            return ManagementCaller.BadRequest("a CI token needs at least one namespace (or \"*\") and one action");
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
                return ManagementCaller.BadRequest($"'{ns}' is not a namespace (one repository path component, or \"*\")");
            }

            if ((caller.Permissions.OnScope(scope) & actions) != actions)
            {
                return ManagementCaller.Denied($"you may not {string.Join(", ", ScopeRequest.NamesOf(actions))} on every repository of {scope}, so a token of yours may not either");
            }
        }

        return null;
    }
}
