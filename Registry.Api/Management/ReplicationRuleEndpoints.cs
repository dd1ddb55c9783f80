using Registry.Api.Auth;
using Registry.Api.Management.Access;
using Registry.Api.Management.Models;
using Registry.Api.Replication;
using Registry.Core.Replication;

namespace Registry.Api.Management;

/// <summary>
/// Replication rules for global admins: <c>/api/v1/replication/rules</c> to list and create, <c>/{name}</c> to read,
/// change (PATCH) and delete; each change audited. Passwords are write-only. See docs/replication.md.
/// </summary>
internal static class ReplicationRuleEndpoints
{
    public static RouteGroupBuilder MapReplicationRuleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/replication/rules", ListAsync).RequireGlobalAdmin("replication");
        api.MapPost("/replication/rules", CreateAsync).RequireGlobalAdmin("replication");
        api.MapGet("/replication/rules/{name}", GetAsync).RequireGlobalAdmin("replication");
        api.MapPatch("/replication/rules/{name}", UpdateAsync).RequireGlobalAdmin("replication");
        api.MapDelete("/replication/rules/{name}", DeleteAsync).RequireGlobalAdmin("replication");
        api.MapPost("/replication/rules/{name}/run", RunAsync).RequireGlobalAdmin("replication");
        api.MapGet("/replication/rules/{name}/runs", ListRunsAsync).RequireGlobalAdmin("replication");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IReplicationStore store)
        => TypedResults.Ok((await store.ListReplicationRulesAsync(context.RequestAborted)).Select(ReplicationRuleModel.From).ToList());

    private static async Task<IResult> GetAsync(string name, HttpContext context, IReplicationStore store)
        => await store.GetReplicationRuleAsync(name, context.RequestAborted) is { } rule
            ? TypedResults.Ok(ReplicationRuleModel.From(rule))
            : NotFound(name);

    private static async Task<IResult> CreateAsync(ReplicationRuleRequest request, HttpContext context, ReplicationService replication)
    {
        (ReplicationChangeResult result, ReplicationRule? rule) = await replication.CreateAsync(
            context.GetActor(), ManagementCaller.From(context).Permissions, Input(request), context.RequestAborted);
        return rule is not null
            ? TypedResults.Created($"/api/v1/replication/rules/{rule.Name}", ReplicationRuleModel.From(rule))
            : Refusal(result);
    }

    private static async Task<IResult> UpdateAsync(string name, ReplicationRuleRequest request, HttpContext context, ReplicationService replication)
    {
        (ReplicationChangeResult result, ReplicationRule? rule) = await replication.UpdateAsync(
            context.GetActor(), ManagementCaller.From(context).Permissions, name, Input(request), context.RequestAborted);
        return rule is not null ? TypedResults.Ok(ReplicationRuleModel.From(rule)) : Refusal(result);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, ReplicationService replication)
    {
        ReplicationChangeResult result = await replication.DeleteAsync(context.GetActor(), ManagementCaller.From(context).Permissions, name, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : Refusal(result);
    }

    /// <summary>
    /// Runs the rule now and answers the run when it ends, or with <c>?wait=false</c> starts it and answers 202 at once
    /// (the run then shows in <c>/runs</c> when it ends); 409 while it is running (here or on another node). A run goes
    /// on when the request goes away.
    /// </summary>
    private static async Task<IResult> RunAsync(string name, HttpContext context, IReplicationStore store, ReplicationRuns runs, IHostApplicationLifetime lifetime, bool? wait)
    {
        if (await store.GetReplicationRuleAsync(name, context.RequestAborted) is not { } rule)
        {
            return NotFound(name);
        }

        ReplicationChangeResult allowed = ReplicationService.CheckManualRun(ManagementCaller.From(context).Permissions, rule);
        if (!allowed.Succeeded)
        {
            return Refusal(allowed);
        }

        if (wait == false)
        {
            return await runs.TryStartAsync(context.GetActor(), rule, "manual", context.RequestAborted)
                ? TypedResults.Accepted($"/api/v1/replication/rules/{rule.Name}/runs", new { rule = rule.Name, status = "running" })
                : ManagementCaller.Conflict($"replication rule '{name}' is running already");
        }

        ReplicationRun? run = await runs.RunAsync(context.GetActor(), rule, "manual", null, lifetime.ApplicationStopping);
        return run is null
            ? ManagementCaller.Conflict($"replication rule '{name}' is running already")
            : TypedResults.Ok(run);
    }

    private static async Task<IResult> ListRunsAsync(string name, HttpContext context, IReplicationStore store, int? limit)
    {
        if (await store.GetReplicationRuleAsync(name, context.RequestAborted) is null)
        {
            return NotFound(name);
        }

        if (limit is < 1 or > 500)
        {
            return ManagementCaller.BadRequest("limit", "limit is a number from 1 to 500");
        }

        return TypedResults.Ok(await store.ListReplicationRunsAsync(name, limit ?? 50, context.RequestAborted));
    }

    private static ReplicationRuleInput Input(ReplicationRuleRequest r) => new()
    {
        Name = r.Name,
        Direction = r.Direction,
        Url = r.Registry?.Url,
        Username = r.Registry?.Username,
        Password = r.Registry?.Password,
        Filter = r.Filter is { } f ? new ReplicationFilterInput(f.Repositories, f.Tags, f.Versions, f.IncludeUntagged, f.ArtifactRepositories, f.ArtifactPaths) : null,
        Mapping = r.Mapping is { } m ? new NamespaceMappingInput(m.Mode, m.From, m.To) : null,
        Triggers = r.Triggers is { } t ? new ReplicationTriggersInput(t.OnPush, t.Cron, t.Manual) : null,
        Overwrite = r.Overwrite,
        PropagateDeletes = r.PropagateDeletes,
        Enabled = r.Enabled,
    };

    internal static IResult Refusal(ReplicationChangeResult result) => result.Status switch
    {
        ReplicationChangeStatus.Denied => ManagementCaller.Denied(result.Message!),
        ReplicationChangeStatus.Invalid => ManagementCaller.BadRequest(result.Field ?? "$", result.Message!),
        ReplicationChangeStatus.NotFound => ManagementCaller.NotFound(result.Message!),
        _ => ManagementCaller.Conflict(result.Message!),
    };

    private static IResult NotFound(string name) => ManagementCaller.NotFound($"no replication rule is named '{name}'");
}
