using Registry.Api.Auth;
using Registry.Api.Management.Access;
using System.Globalization;
using Registry.Api.Management.Models;
using Registry.Core.Access;

namespace Registry.Api.Management;

/// <summary><c>GET /api/v1/audit</c>: the audit log for global admins, filtered and paged newest first.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireGlobalAdmin("reading the audit log");
        api.MapGet("/auth/keys", ListKeysAsync).RequireCaller(caller => caller.Permissions.IsGlobalAdmin, _ => "token signing keys need the global admin role");
        api.MapPost("/auth/keys/rotate", RotateKeyAsync).RequireGlobalAdmin("rotating the token signing key");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ManagementServices services)
    {
        IQueryCollection q = context.Request.Query;
        if (!TryTime(q["since"], out DateTimeOffset? since))
        {
            return ManagementCaller.BadRequest("since", "since is an ISO 8601 time, e.g. 2026-11-21T10:00:00Z");
        }

        if (!TryTime(q["until"], out DateTimeOffset? until))
        {
            return ManagementCaller.BadRequest("until", "until is an ISO 8601 time, e.g. 2026-11-21T10:00:00Z");
        }

        int limit = 100;
        if (q["limit"].Count > 0 && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return ManagementCaller.BadRequest("limit", "limit is a number from 1 to 1000");
        }

        long? before = null;
        if (q["before"].Count > 0)
        {
            if (!long.TryParse(q["before"], NumberStyles.None, CultureInfo.InvariantCulture, out long cursor))
            {
                return ManagementCaller.BadRequest("before", "before is the next cursor of a previous page");
            }

            before = cursor;
        }

        bool? success = q["success"].ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        await services.Audit.FlushAsync(context.RequestAborted);
        var query = new AuditQuery(Empty(q["actor"]), Empty(q["action"]), Empty(q["target"]), since, until, success, before, limit);
        IReadOnlyList<AuditEntry> entries = await services.Store.ListAuditAsync(query, context.RequestAborted);
        long? next = entries.Count == limit ? entries[^1].Id : null;
        return TypedResults.Ok(new AuditPage([.. entries.Select(AuditEntryModel.From)], next));
    }

    private static async Task<IResult> ListKeysAsync(HttpContext context, ManagementServices services)
    {
        await services.Keys.ReloadAsync(context.RequestAborted);
        return TypedResults.Ok(services.Keys.Records.Select(k => new SigningKeyModel(k.KeyId, k.Algorithm, k.CreatedAt, k.RetiredAt)).ToList());
    }

    private static async Task<IResult> RotateKeyAsync(HttpContext context, ManagementServices services)
    {
        SigningKeyRecord key = await services.Keys.RotateAsync(context.GetActor(), context.RequestAborted);
        return TypedResults.Ok(new SigningKeyModel(key.KeyId, key.Algorithm, key.CreatedAt, key.RetiredAt));
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }
}
