using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Api.Management.Problems;
using Registry.Api.Management.Models;
using Registry.Core.Retention;

namespace Registry.Api.Management;

/// <summary>
/// Retention policies: <c>/api/v1/retention/policies</c> and <c>.../{policy}</c> (an id or a name). Admins manage
/// them; maintainers of every scope a policy covers see it (see <see cref="RetentionAccess"/>).
/// </summary>
internal static class RetentionPolicyEndpoints
{
    public static RouteGroupBuilder MapRetentionPolicyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/retention/policies", ListAsync);
        api.MapPost("/retention/policies", CreateAsync);
        api.MapGet("/retention/policies/{policy}", GetAsync);
        api.MapPut("/retention/policies/{policy}", UpdateAsync);
        api.MapDelete("/retention/policies/{policy}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(ManagementCaller caller, HttpContext context, ManagementServices services, IRetentionStore store)
    {
        IReadOnlyList<RetentionPolicy> policies = await store.ListPoliciesAsync(context.RequestAborted);
        return TypedResults.Ok(new { policies = policies.Where(p => RetentionAccess.MayRead(caller, p)).Select(RetentionPolicyModel.From).ToList() });
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string policy, HttpContext context, ManagementServices services, IRetentionStore store)
    {
        RetentionPolicy? found = await RetentionAccess.FindAsync(store, policy, context.RequestAborted);
        return found is not null && RetentionAccess.MayRead(caller, found) ? TypedResults.Ok(RetentionPolicyModel.From(found)) : RetentionAccess.NotFound(policy);
    }

    private static async Task<IResult> CreateAsync(ManagementCaller caller, HttpContext context, ManagementServices services, RetentionPolicyService policies)
    {
        if (RetentionAccess.RequireAdmin(caller, "creating retention policies") is { } denied)
        {
            return denied;
        }

        (RetentionPolicyRequest? request, IResult? invalid) = await ManagementJson.ReadAsync<RetentionPolicyRequest>(context);
        if (request is null)
        {
            return invalid!;
        }

        (RetentionPolicy? draft, InputProblem? problem) = RetentionPolicyInput.Build(request, null, caller.Caller.Subject, services.Time.GetUtcNow());
        if (draft is null)
        {
            return ManagementCaller.BadRequest(problem!);
        }

        RetentionPolicyWrite written = await policies.CreateAsync(context.GetActor(), caller.Permissions, draft, context.RequestAborted);
        switch (written.Status)
        {
            case RetentionPolicyWriteStatus.NameTaken:
                return ManagementCaller.Conflict($"a retention policy named '{draft.Name}' exists already");
            case RetentionPolicyWriteStatus.Denied:
                return ManagementCaller.Denied("creating retention policies needs the global admin role");
        }

        RetentionPolicy created = written.Policy!;
        return TypedResults.Created($"/api/v1/retention/policies/{created.Id}", RetentionPolicyModel.From(created));
    }

    private static async Task<IResult> UpdateAsync(ManagementCaller caller, string policy, HttpContext context, ManagementServices services, IRetentionStore store, RetentionPolicyService policies)
    {
        if (RetentionAccess.RequireAdmin(caller, "changing retention policies") is { } denied)
        {
            return denied;
        }

        RetentionPolicy? existing = await RetentionAccess.FindAsync(store, policy, context.RequestAborted);
        if (existing is null)
        {
            return RetentionAccess.NotFound(policy);
        }

        (RetentionPolicyRequest? request, IResult? invalid) = await ManagementJson.ReadAsync<RetentionPolicyRequest>(context);
        if (request is null)
        {
            return invalid!;
        }

        (RetentionPolicy? draft, InputProblem? problem) = RetentionPolicyInput.Build(request, existing, caller.Caller.Subject, services.Time.GetUtcNow());
        if (draft is null)
        {
            return ManagementCaller.BadRequest(problem!);
        }

        RetentionPolicyWrite written = await policies.UpdateAsync(context.GetActor(), caller.Permissions, draft, context.RequestAborted);
        switch (written.Status)
        {
            case RetentionPolicyWriteStatus.NameTaken:
                return ManagementCaller.Conflict($"a retention policy named '{draft.Name}' exists already");
            case RetentionPolicyWriteStatus.NotFound:
                return RetentionAccess.NotFound(policy);
            case RetentionPolicyWriteStatus.Denied:
                return ManagementCaller.Denied("changing retention policies needs the global admin role");
        }

        return TypedResults.Ok(RetentionPolicyModel.From(written.Policy!));
    }

    private static async Task<IResult> DeleteAsync(ManagementCaller caller, string policy, HttpContext context, IRetentionStore store, RetentionPolicyService policies)
    {
        if (RetentionAccess.RequireAdmin(caller, "deleting retention policies") is { } denied)
        {
            return denied;
        }

        RetentionPolicy? existing = await RetentionAccess.FindAsync(store, policy, context.RequestAborted);
        RetentionPolicyWriteStatus status = existing is null
            ? RetentionPolicyWriteStatus.NotFound
            : await policies.DeleteAsync(context.GetActor(), caller.Permissions, existing, context.RequestAborted);
        return status switch
        {
            RetentionPolicyWriteStatus.Written => TypedResults.NoContent(),
            RetentionPolicyWriteStatus.Denied => ManagementCaller.Denied("deleting retention policies needs the global admin role"),
            _ => RetentionAccess.NotFound(policy),
        };
    }
}
