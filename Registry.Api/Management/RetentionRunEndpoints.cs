using System.Globalization;
using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Api.Retention;
using Registry.Core.Retention;

namespace Registry.Api.Management;

/// <summary>
/// Running retention policies and their history: <c>POST /api/v1/retention/policies/{policy}/dry-run</c> (admins and
/// maintainers of the policy's scopes), <c>POST .../run</c> (admins), <c>GET /api/v1/retention/runs</c> and
/// <c>GET /api/v1/retention/runs/{id}</c>. Both kinds of run are recorded, with their audit entry, and answered with
/// the run's details.
/// </summary>
internal static class RetentionRunEndpoints
{
    public static RouteGroupBuilder MapRetentionRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/retention/policies/{policy}/dry-run", DryRunAsync);
        api.MapPost("/retention/policies/{policy}/run", RunAsync);
        api.MapGet("/retention/runs", ListAsync);
        api.MapGet("/retention/runs/{id}", GetAsync);
        return api;
    }

    private static async Task<IResult> DryRunAsync(ManagementCaller caller, string policy, HttpContext context, IRetentionStore store, RetentionRuns runs)
    {
        RetentionPolicy? found = await RetentionAccess.FindAsync(store, policy, context.RequestAborted);
        if (found is null || !RetentionAccess.MayRead(caller, found))
        {
            return RetentionAccess.NotFound(policy);
        }

        RetentionRun run = await runs.DryRunAsync(found, RetentionRun.Manual, context.GetActor(), context.RequestAborted);
        return TypedResults.Ok(RetentionRunModel.From(run));
    }

    private static async Task<IResult> RunAsync(ManagementCaller caller, string policy, HttpContext context, IRetentionStore store, RetentionRuns runs)
    {
        if (RetentionAccess.RequireAdmin(caller, "running retention policies") is { } denied)
        {
            return denied;
        }

        RetentionPolicy? found = await RetentionAccess.FindAsync(store, policy, context.RequestAborted);
        if (found is null)
        {
            return RetentionAccess.NotFound(policy);
        }

        RetentionRun? run = await runs.TryRunAsync(found, RetentionRun.Manual, context.GetActor());
        if (run is null)
        {
            return ManagementCaller.Conflict($"retention policy '{found.Name}' is running already; try again when that run has finished");
        }

        return TypedResults.Ok(RetentionRunModel.From(run));
    }

    private static async Task<IResult> ListAsync(ManagementCaller caller, HttpContext context, ManagementServices services, IRetentionStore store)
    {
        IQueryCollection q = context.Request.Query;
        (RunPageQuery? paging, IResult? invalid) = RunPageQuery.Read(q);
        if (paging is null)
        {
            return invalid!;
        }

        var policies = (await store.ListPoliciesAsync(context.RequestAborted)).ToDictionary(p => p.Id);
        long? policyId = null;
        if (q["policy"].ToString() is { Length: > 0 } reference)
        {
            RetentionPolicy? filter = await RetentionAccess.FindAsync(store, reference, context.RequestAborted);
            if (filter is null || !RetentionAccess.MayRead(caller, filter))
            {
                return RetentionAccess.NotFound(reference);
            }

            policyId = filter.Id;
        }

        IReadOnlyList<RetentionRun> page = await store.ListRunsAsync(policyId, paging.Before, paging.Limit, context.RequestAborted);
        return TypedResults.Ok(new RetentionRunPage([.. page.Where(r => MaySee(caller, r, policies)).Select(RetentionRunModel.From)],
            page.Count == 0 ? null : paging.Next(page.Count, page[^1].Id)));
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string id, HttpContext context, ManagementServices services, IRetentionStore store)
    {
        RetentionRun? run = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? await store.GetRunAsync(value, context.RequestAborted)
            : null;
        var policies = run is null ? [] : (await store.ListPoliciesAsync(context.RequestAborted)).ToDictionary(p => p.Id);
        return run is not null && MaySee(caller, run, policies)
            ? TypedResults.Ok(RetentionRunModel.From(run))
            : ManagementCaller.NotFound($"no retention run '{id}'");
    }

    /// <summary>Runs of a deleted policy are for admins only: nobody else can be shown to cover its scopes.</summary>
    private static bool MaySee(ManagementCaller caller, RetentionRun run, Dictionary<long, RetentionPolicy> policies)
        => caller.Permissions.IsGlobalAdmin || (policies.TryGetValue(run.PolicyId, out RetentionPolicy? policy) && RetentionAccess.MayRead(caller, policy));
}
