using Registry.Api.Management.Problems;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Api.Retention;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Retention;

namespace Registry.Api.Management;

/// <summary>
/// Retention for an artifact repository, with the retention engine's keep rules (same JSON as
/// <c>/api/v1/retention/policies</c>): <c>GET</c>/<c>PUT</c>/<c>DELETE /api/v1/artifact-repositories/{key}/retention</c>
/// and <c>POST .../retention/dry-run</c>, <c>POST .../retention/run</c>. A policy may carry a <c>schedule</c> (a Quartz
/// cron expression, UTC, validated as image policies' schedules) and <c>enabled</c>. Every run is recorded
/// (<see cref="ArtifactRetentionRunEndpoints"/>) and answered with its <c>runId</c>. Reading and dry runs need read
/// access to the repository; changing the policy and running it need the maintainer role (audited as
/// artifact-retention.set, .remove, .run).
/// </summary>
internal static class ArtifactRetentionEndpoints
{
    public sealed record ArtifactRetentionRequest(IReadOnlyList<KeepRuleSpec>? Rules, IReadOnlyList<string>? KeepProperties, string? Schedule = null, bool? Enabled = null);

    public static RouteGroupBuilder MapArtifactRetentionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/artifact-repositories/{key}/retention", GetAsync);
        api.MapPut("/artifact-repositories/{key}/retention", SetAsync);
        api.MapDelete("/artifact-repositories/{key}/retention", RemoveAsync);
        api.MapPost("/artifact-repositories/{key}/retention/dry-run", (string key, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRetentionRuns runs)
            => RunAsync(key, dryRun: true, context, services, store, runs));
        api.MapPost("/artifact-repositories/{key}/retention/run", (string key, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRetentionRuns runs)
            => RunAsync(key, dryRun: false, context, services, store, runs));
        return api;
    }

    private static object Json(string key, ArtifactRetentionPolicy policy) => new
    {
        repository = key,
        rules = policy.Rules,
        keepProperties = policy.KeepProperties,
        schedule = policy.Schedule,
        enabled = policy.Enabled,
        nextRunAt = RetentionSchedule.NextRun(policy.Schedule, policy.Enabled, policy.UpdatedAt, policy.LastScheduledAt),
        lastScheduledAt = policy.LastScheduledAt,
        updatedBy = policy.UpdatedBy,
        updatedAt = policy.UpdatedAt,
    };

    private static async Task<IResult> GetAsync(string key, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ResolveAsync(key, AccessAction.Pull, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        return await store.GetRetentionPolicyAsync(key, context.RequestAborted) is { } policy
            ? TypedResults.Ok(Json(key, policy))
            : ManagementCaller.NotFound($"artifact repository '{key}' has no retention policy");
    }

    private static async Task<IResult> SetAsync(string key, ArtifactRetentionRequest body, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRepositoryService repositories)
    {
        // Who may see the repository is answered here (404); who may change its retention is the service's rule
        // (MayManageRetention), asked first so a caller without the role learns nothing about the schedule's syntax.
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ResolveAsync(key, AccessAction.Pull, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        if (!ArtifactRepositoryService.MayManageRetention(caller.Permissions, key))
        {
            return ManagementCaller.Denied(ManageDenied(caller, key));
        }

        if (ArtifactRetentionPolicy.Validate(body.Rules, body.KeepProperties) is { } problem)
        {
            return ManagementCaller.BadRequest(problem.StartsWith("keepProperties", StringComparison.Ordinal) ? "keepProperties" : "rules", problem);
        }

        string? schedule = string.IsNullOrWhiteSpace(body.Schedule) ? null : body.Schedule.Trim();
        if (schedule is not null && RetentionSchedule.Validate(schedule, services.Time.GetUtcNow()) is { } badSchedule)
        {
            return ManagementCaller.BadRequest("schedule", badSchedule);
        }

        (ArtifactChangeResult result, ArtifactRetentionPolicy? stored) = await repositories.SetRetentionAsync(
            context.GetActor(), caller.Permissions, key, body.Rules, body.KeepProperties, schedule, body.Enabled ?? true, context.RequestAborted);
        return stored is not null ? TypedResults.Ok(Json(key, stored)) : ArtifactRepositoryEndpoints.Refused(result);
    }

    private static async Task<IResult> RemoveAsync(string key, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRepositoryService repositories)
    {
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ResolveAsync(key, AccessAction.Pull, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        ArtifactChangeResult result = await repositories.RemoveRetentionAsync(context.GetActor(), caller.Permissions, key, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : ArtifactRepositoryEndpoints.Refused(result);
    }

    private static async Task<IResult> RunAsync(string key, bool dryRun, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRetentionRuns runs)
    {
        (ManagementCaller? caller, ArtifactRepository? repository, IResult? error) =
            await ResolveAsync(key, dryRun ? AccessAction.Pull : AccessAction.Manage, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        ArtifactRetentionAttempt attempt = await runs.RunAsync(repository!, dryRun, Core.Retention.RetentionRun.Manual, context.GetActor(), context.RequestAborted);
        if (attempt.Busy)
        {
            return ManagementCaller.Conflict($"retention of artifact repository '{key}' is running already; try again when that run has finished");
        }

        if (attempt.Run is not { } run)
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' has no retention policy");
        }

        string location = $"/api/v1/artifact-repositories/{Uri.EscapeDataString(key)}/retention/runs/{run.Id}";
        if (attempt.Report is not { } report)
        {
            return ApiProblems.InternalError($"retention run {run.Id} of '{key}' failed: {string.Join("; ", run.Details?.Errors ?? [])} (recorded at {location})");
        }

        context.Response.Headers.Location = location;
        JsonObject body = JsonSerializer.SerializeToNode(report.ToJson(), context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions)!.AsObject();
        body["runId"] = run.Id;
        return TypedResults.Ok(body);
    }

    /// <summary>The caller when it may do <paramref name="needed"/> on the repository (which exists), else the 401/403/404.</summary>
    public static async ValueTask<(ManagementCaller?, ArtifactRepository?, IResult?)> ResolveAsync(
        string key, AccessAction needed, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        ManagementCaller caller = ManagementCaller.From(context);

        bool readable = Core.Primitives.RepositoryName.TryParse(key, out var name) && caller.Permissions.Allows(name, AccessAction.Pull);
        ArtifactRepository? repository = readable ? await store.GetArtifactRepositoryAsync(key, context.RequestAborted) : null;
        if (repository is null)
        {
            return (null, null, ManagementCaller.NotFound($"artifact repository '{key}' does not exist"));
        }

        return caller.Permissions.Allows(name!, needed)
            ? (caller, repository, null)
            : (null, null, ManagementCaller.Denied(needed == AccessAction.Pull
                ? $"{caller.Caller.Subject} may not read retention of '{key}': that needs the maintainer role on '{key}'"
                : ManageDenied(caller, key)));
    }

    private static string ManageDenied(ManagementCaller caller, string key)
        => $"{caller.Caller.Subject} may not manage retention of '{key}': that needs the maintainer role on '{key}'";
}
