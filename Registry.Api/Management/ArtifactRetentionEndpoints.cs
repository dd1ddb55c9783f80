using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Retention;

namespace Registry.Api.Management;

/// <summary>
/// Retention for an artifact repository, with the retention engine's keep rules (same JSON as
/// <c>/api/v1/retention/policies</c>): <c>GET</c>/<c>PUT</c>/<c>DELETE /api/v1/artifact-repositories/{key}/retention</c>
/// and <c>POST .../retention/dry-run</c>, <c>POST .../retention/run</c>. Reading and dry runs need read access to the
/// repository; changing the policy and running it need the maintainer role (audited as artifact-retention.set,
/// .remove, .run).
/// </summary>
internal static class ArtifactRetentionEndpoints
{
    public sealed record ArtifactRetentionRequest(IReadOnlyList<KeepRuleSpec>? Rules, IReadOnlyList<string>? KeepProperties);

    public static RouteGroupBuilder MapArtifactRetentionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/artifact-repositories/{key}/retention", GetAsync);
        api.MapPut("/artifact-repositories/{key}/retention", SetAsync);
        api.MapDelete("/artifact-repositories/{key}/retention", RemoveAsync);
        api.MapPost("/artifact-repositories/{key}/retention/dry-run", (string key, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRetentionRunner runner)
            => RunAsync(key, dryRun: true, context, services, store, runner));
        api.MapPost("/artifact-repositories/{key}/retention/run", (string key, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRetentionRunner runner)
            => RunAsync(key, dryRun: false, context, services, store, runner));
        return api;
    }

    private static object Json(string key, ArtifactRetentionPolicy policy) => new
    {
        repository = key,
        rules = policy.Rules,
        keepProperties = policy.KeepProperties,
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
            ? Results.Ok(Json(key, policy))
            : ManagementCaller.NotFound($"artifact repository '{key}' has no retention policy");
    }

    private static async Task<IResult> SetAsync(string key, ArtifactRetentionRequest body, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ResolveAsync(key, AccessAction.Manage, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        if (ArtifactRetentionPolicy.Validate(body.Rules, body.KeepProperties) is { } problem)
        {
            return ManagementCaller.BadRequest(problem);
        }

        var policy = new ArtifactRetentionPolicy(body.Rules!, body.KeepProperties ?? [], caller.Caller.Subject, services.Time.GetUtcNow());
        if (!await store.SetRetentionPolicyAsync(key, policy, context.RequestAborted))
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
        }

        services.Audit.Record(context, "artifact-retention.set", key, string.Join("; ", KeepRules.CreateAll(policy.Rules).Select(r => r.Describe())));
        return Results.Ok(Json(key, policy));
    }

    private static async Task<IResult> RemoveAsync(string key, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        (ManagementCaller? caller, ArtifactRepository? _, IResult? error) = await ResolveAsync(key, AccessAction.Manage, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        if (!await store.RemoveRetentionPolicyAsync(key, context.RequestAborted))
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' has no retention policy");
        }

        services.Audit.Record(context, "artifact-retention.remove", key);
        return Results.NoContent();
    }

    private static async Task<IResult> RunAsync(string key, bool dryRun, HttpContext context, ManagementServices services, IArtifactStore store, ArtifactRetentionRunner runner)
    {
        (ManagementCaller? caller, ArtifactRepository? repository, IResult? error) =
            await ResolveAsync(key, dryRun ? AccessAction.Pull : AccessAction.Manage, context, services, store);
        if (caller is null)
        {
            return error!;
        }

        ArtifactRetentionReport? report = await runner.RunAsync(repository!, dryRun, caller.Caller.Subject, context.RequestAborted);
        if (report is null)
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' has no retention policy");
        }

        services.Audit.Record(context, dryRun ? "artifact-retention.dry-run" : "artifact-retention.run", key, report.Summarize());
        return Results.Ok(report.ToJson());
    }

    /// <summary>The caller when it may do <paramref name="needed"/> on the repository (which exists), else the 401/403/404.</summary>
    private static async ValueTask<(ManagementCaller?, ArtifactRepository?, IResult?)> ResolveAsync(
        string key, AccessAction needed, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return (null, null, error);
        }

        bool readable = Core.Primitives.RepositoryName.TryParse(key, out var name) && caller.Permissions.Allows(name, AccessAction.Pull);
        ArtifactRepository? repository = readable ? await store.GetArtifactRepositoryAsync(key, context.RequestAborted) : null;
        if (repository is null)
        {
            return (null, null, ManagementCaller.NotFound($"artifact repository '{key}' does not exist"));
        }

        return caller.Permissions.Allows(name!, needed)
            ? (caller, repository, null)
            : (null, null, ManagementCaller.Denied($"{caller.Caller.Subject} may not {(needed == AccessAction.Pull ? "read" : "manage")} retention of '{key}': that needs the maintainer role on '{key}'"));
    }
}
