using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Management;

/// <summary>
/// Artifact repositories: <c>GET /api/v1/artifact-repositories</c> (those the caller may read),
/// <c>POST</c> (create: key, type <c>generic</c>|<c>maven</c>|<c>docker</c>, class <c>local</c>|<c>remote</c>|<c>virtual</c>,
/// allowRedeploy, description, remote, virtual), <c>GET</c>/<c>PATCH</c>/<c>DELETE
/// /api/v1/artifact-repositories/{key}</c>. Creating, changing and deleting need the admin role on the key (as a
/// namespace) or globally; the rules and the announcement (audited as artifact-repository.create / .update / .delete)
/// are <see cref="ArtifactRepositoryService"/>'s.
/// </summary>
internal static class ArtifactRepositoryEndpoints
{
    public static RouteGroupBuilder MapArtifactRepositoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/artifact-repositories", ListAsync).Produces<ArtifactRepositoryList>();
        api.MapPost("/artifact-repositories", CreateAsync).Produces<ArtifactRepositoryModel>(StatusCodes.Status201Created);
        api.MapGet("/artifact-repositories/{key}", GetAsync).Produces<ArtifactRepositoryModel>();
        api.MapMethods("/artifact-repositories/{key}", [HttpMethods.Patch], UpdateAsync).Produces<ArtifactRepositoryModel>();
        api.MapDelete("/artifact-repositories/{key}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(ManagementCaller caller, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        IReadOnlyList<ArtifactRepository> all = await store.ListArtifactRepositoriesAsync(context.RequestAborted);
        return TypedResults.Ok(new ArtifactRepositoryList([.. all.Where(r => CanRead(caller, r.Key)).Select(r => ArtifactRepositoryModel.From(context, r))]));
    }

    private static async Task<IResult> GetAsync(ManagementCaller caller, string key, HttpContext context, ManagementServices services, IArtifactStore store)
    {
        ArtifactRepository? repository = await store.GetArtifactRepositoryAsync(key, context.RequestAborted);
        return repository is not null && CanRead(caller, key)
            ? TypedResults.Ok(ArtifactRepositoryModel.From(context, repository))
            : ManagementCaller.NotFound($"artifact repository '{key}' does not exist");
    }

    private static async Task<IResult> CreateAsync(ManagementCaller caller, ArtifactRepositoryRequest body, HttpContext context, ArtifactRepositoryService repositories)
    {
        (ArtifactChangeResult result, ArtifactRepository? repository) = await repositories.CreateAsync(
            context.GetActor(), caller.Permissions, Input(body), context.RequestAborted);
        return repository is not null
            ? TypedResults.Created($"/api/v1/artifact-repositories/{repository.Key}", ArtifactRepositoryModel.From(context, repository))
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
            context.GetActor(), caller.Permissions, current, Input(body), ct);
        return changed is not null ? TypedResults.Ok(ArtifactRepositoryModel.From(context, changed)) : Refused(result);
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

    /// <summary>The request as the service's input: the remote's and virtual's fields flattened.</summary>
    private static ArtifactRepositoryInput Input(ArtifactRepositoryRequest body) => new()
    {
        Key = body.Key,
        PackageType = body.Type,
        Class = body.Class,
        AllowRedeploy = body.AllowRedeploy,
        Description = body.Description,
        Url = body.Remote?.Url,
        Username = body.Remote?.Username,
        Password = body.Remote?.Password,
        RetrievalCachePeriodSecs = body.Remote?.RetrievalCachePeriodSecs,
        MissedRetrievalCachePeriodSecs = body.Remote?.MissedRetrievalCachePeriodSecs,
        Offline = body.Remote?.Offline,
        UnusedArtifactsCleanupPeriodHours = body.Remote?.UnusedArtifactsCleanupPeriodHours,
        Mirror = body.Remote?.Mirror,
        Aliases = body.Remote?.Aliases,
        Repositories = body.Virtual?.Repositories,
        DefaultDeploymentRepo = body.Virtual?.DefaultDeploymentRepo,
    };

    /// <summary>The problem answer of a refused change to a repository or its retention, with the service's message.</summary>
    public static IResult Refused(ArtifactChangeResult result) => result.Status switch
    {
        ArtifactChangeStatus.Denied => ManagementCaller.Denied(result.Message!),
        ArtifactChangeStatus.NotFound => ManagementCaller.NotFound(result.Message!),
        ArtifactChangeStatus.Conflict => ManagementCaller.Conflict(result.Message!),
        _ => ManagementCaller.BadRequest(FieldName(result.Field), result.Message!),
    };

    /// <summary>The request's name of the field the service named: <c>type</c> and <c>class</c> here, the remote's and virtual's fields nested.</summary>
    private static string FieldName(string? field) => field switch
    {
        null => "$",
        "packageType" => "type",
        "rclass" => "class",
        "repositories" or "defaultDeploymentRepo" => "virtual." + field,
        "url" or "username" or "password" or "retrievalCachePeriodSecs" or "missedRetrievalCachePeriodSecs" or "offline"
            or "unusedArtifactsCleanupPeriodHours" or "mirror" or "aliases" => "remote." + field,
        _ => field,
    };

    private static bool CanRead(ManagementCaller caller, string key)
        => Core.Primitives.RepositoryName.TryParse(key, out var name) && caller.Permissions.Allows(name, AccessAction.Pull);
}
