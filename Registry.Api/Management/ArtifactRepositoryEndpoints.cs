using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Management;

/// <summary>
/// Artifact repositories: <c>GET /api/v1/artifact-repositories</c> (those the caller may read),
/// <c>POST</c> (create: key, type <c>generic</c>|<c>maven</c>, allowRedeploy, description), <c>GET</c>/<c>PATCH</c>/<c>DELETE
/// /api/v1/artifact-repositories/{key}</c>. Creating, changing and deleting need the admin role on the key (as a
/// namespace) or globally; the rules and the announcement (audited as artifact-repository.create / .update / .delete)
/// are <see cref="ArtifactRepositoryService"/>'s.
/// </summary>
internal static class ArtifactRepositoryEndpoints
{
    public sealed record ArtifactRepositoryRequest(string? Key, string? Type, bool? AllowRedeploy, string? Description);

    public static RouteGroupBuilder MapArtifactRepositoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/artifact-repositories", ListAsync);
        api.MapPost("/artifact-repositories", CreateAsync);
        api.MapGet("/artifact-repositories/{key}", GetAsync);
        api.MapMethods("/artifact-repositories/{key}", [HttpMethods.Patch], UpdateAsync);
        api.MapDelete("/artifact-repositories/{key}", DeleteAsync);
        return api;
    }

    public static object Json(HttpContext context, ArtifactRepository r) => new
    {
        key = r.Key,
        type = ArtifactRepositoryService.TypeName(r.Type),
        allowRedeploy = r.AllowRedeploy,
        description = r.Description,
        createdAt = r.CreatedAt,
        createdBy = r.CreatedBy,
        url = $"{ArtifactServices.BaseUri(context)}/{r.Key}",
    };

    private static async Task<IResult> ListAsync(ManagementCaller caller, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        IReadOnlyList<ArtifactRepository> all = await store.ListArtifactRepositoriesAsync(context.RequestAborted);
        return TypedResults.Ok(new { repositories = all.Where(r => CanRead(caller, r.Key)).Select(r => Json(context, r)).ToList() });
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string key, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        ArtifactRepository? repository = await store.GetArtifactRepositoryAsync(key, context.RequestAborted);
        return repository is not null && CanRead(caller, key)
            ? TypedResults.Ok(Json(context, repository))
            : ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
    }

    private static async Task<IResult> CreateAsync(ManagementCaller caller, ArtifactRepositoryRequest body, HttpContext context, ArtifactRepositoryService repositories)
    {
        (ArtifactChangeResult result, ArtifactRepository? repository) = await repositories.CreateAsync(
            context.GetActor(), caller.Permissions, body.Key, body.Type, body.AllowRedeploy ?? false, body.Description, context.RequestAborted);
        return repository is not null
            ? TypedResults.Created($"/api/v1/artifact-repositories/{repository.Key}", Json(context, repository))
            : Refused(result);
    }

    private static async Task<IResult> UpdateAsync(ManagementCaller caller, string key, ArtifactRepositoryRequest body, HttpContext context, IArtifactStore store, ArtifactRepositoryService repositories)
    {
        CancellationToken ct = context.RequestAborted;
        if (await store.GetArtifactRepositoryAsync(key, ct) is not { } current || !CanRead(caller, key))
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
        }

        (ArtifactChangeResult result, ArtifactRepository? changed) = await repositories.UpdateAsync(
            context.GetActor(), caller.Permissions, current, body.Key, body.Type, body.AllowRedeploy, body.Description, ct);
        return changed is not null ? TypedResults.Ok(Json(context, changed)) : Refused(result);
    }

    private static async Task<IResult> DeleteAsync(ManagementCaller caller, string key, HttpContext context, ArtifactRepositoryService repositories)
    {
        if (!CanRead(caller, key) && !ArtifactRepositoryService.MayAdminister(caller.Permissions, key))
        {
            return ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
        }

        (ArtifactChangeResult result, _) = await repositories.DeleteAsync(context.GetActor(), caller.Permissions, key, context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : Refused(result);
    }

    /// <summary>The problem answer of a refused change to a repository or its retention, with the service's message.</summary>
    public static IResult Refused(ArtifactChangeResult result) => result.Status switch
    {
        ArtifactChangeStatus.Denied => ManagementCaller.Denied(result.Message!),
        ArtifactChangeStatus.NotFound => ManagementCaller.NotFound(result.Message!),
        ArtifactChangeStatus.Conflict => ManagementCaller.Conflict(result.Message!),
        _ => ManagementCaller.BadRequest(result.Field ?? "$", result.Message!),
    };

    private static bool CanRead(ManagementCaller caller, string key)
        => Core.Primitives.RepositoryName.TryParse(key, out var name) && caller.Permissions.Allows(name, AccessAction.Pull);
}
